// Where the raw data mirror sits by default (../shared/data beside the project): the replications read their
// published inputs there, in place. A module of its own so the command line can name it without loading models.
import { projectPath } from '../util/paths.js';

export const DEFAULT_SOURCE = projectPath('..', 'shared', 'data');
