import { approvalsService } from '@tradepilot/approvals';
import { runService } from '@tradepilot/service-kit';

void runService(approvalsService);
