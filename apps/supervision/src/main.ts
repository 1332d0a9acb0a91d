import { supervisionService } from '@tradepilot/supervision';
import { runService } from '@tradepilot/service-kit';

void runService(supervisionService);
