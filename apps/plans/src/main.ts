import { plansService } from '@tradepilot/plans';
import { runService } from '@tradepilot/service-kit';

void runService(plansService);
