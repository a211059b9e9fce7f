/** The forms yoshiki knows. Adding a form: a folder under src/forms/ and one line here. */
import { ruling } from './ruling/index.js';
import type { FormPlugin } from './types.js';

export const FORMS: Record<string, FormPlugin> = { ruling };
