/** The applicant block of a ruling application (seed 004 第3の3(1)イ): what an organisation adds to it. */
import { inForceOn } from '../dated.js';
import { CONTACT_PERSON_KINDS, type ApplicantKind } from '../data/ruling.js';
import type { Finding } from '../../base/problem.js';

export interface ContactApplicant {
  kind: ApplicantKind;
  phone?: string;
  email?: string;
  contact?: { department?: string; name?: string; phone?: string; email?: string };
}

/** The fields of the case that give the contact person's department, name, phone and e-mail. */
export type ContactField = 'contact.department' | 'contact.name' | 'phone' | 'email';

export type ApplicantFinding = Finding<'applicant-contact-missing', { missing: ContactField[] }>;

/**
 * An organisation's application names its contact person — department, name, phone and e-mail —
 * for the Agency's questions; a phone or e-mail of the organisation itself serves too. A warning,
 * naming what is missing: the Agency can still reach the representative by post.
 */
export function checkContact(a: ContactApplicant, date: string): ApplicantFinding[] {
  const kinds = inForceOn(CONTACT_PERSON_KINDS, date)?.value ?? CONTACT_PERSON_KINDS[0].value;
  if (!kinds.includes(a.kind)) return [];
  const ct = a.contact ?? {};
  const missing: ContactField[] = [];
  if (!ct.department) missing.push('contact.department');
  if (!ct.name) missing.push('contact.name');
  if (!ct.phone && !a.phone) missing.push('phone');
  if (!ct.email && !a.email) missing.push('email');
  if (missing.length === 0) return [];
  return [{ code: 'applicant-contact-missing', severity: 'warning', path: a.contact ? ['applicant', 'contact'] : ['applicant'], params: { missing } }];
}
