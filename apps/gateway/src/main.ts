import { gatewayService } from '@tradepilot/gateway';
import { runService } from '@tradepilot/service-kit';

void runService(gatewayService);
