import { SetMetadata } from '@nestjs/common';
import { JobName } from './job-names';

export const JOB_HANDLER = 'gv:job-handler';

/** Marks a provider method as the handler of a job. Exactly one handler per job is allowed. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);
