import { practicesService } from '@tradepilot/practices';
import { runService } from '@tradepilot/service-kit';

void runService(practicesService);
