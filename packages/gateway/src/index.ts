export { gatewayService } from './gateway-service';
export type { AppRouter } from './app-router';
export { demoUsers, seedDemoUsers, type DemoUser } from './demo-users';
export { userModel } from './user-model';
