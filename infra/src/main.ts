import { createApp } from './app.js';
import { loadEnvironments } from './config/load.js';

// Entry point of `cdktf synth` (cdktf.json "app"). Reads no AWS credentials
// and reaches no network: the output is Terraform JSON in cdktf.out/.
createApp({ configs: loadEnvironments(process.env) }).synth();
