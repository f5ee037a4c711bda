import { brokenPathRule, pathRules } from '@codesync/protocol';
import { badRequest } from './errors.js';

/** `path` if it is a valid project path; else 400 `invalid_path` naming the rule broken (`details.rule`). */
export function requireValidPath(path: string, field = 'path'): string {
  const rule = brokenPathRule(path);
  if (rule) throw badRequest('invalid_path', `${field}: ${pathRules[rule]}`, { field, rule });
  return path;
}
