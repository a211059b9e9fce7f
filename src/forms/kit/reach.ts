/**
 * How to reach an applicant: its own numbers and its contact person's. When both give a phone (or
 * e-mail) and they differ, both are printed, marked 代表 and 担当, so nothing the user wrote is lost.
 */
interface Numbers {
  phone?: string;
  fax?: string;
  email?: string;
}

export function reachLines(own: Numbers, contact: Numbers | undefined): string[] {
  const lines: string[] = [];
  const both = (label: string, mine?: string, theirs?: string) => {
    if (mine && theirs && mine !== theirs) lines.push(`${label}（代表）　${mine}`, `${label}（担当）　${theirs}`);
    else if (mine ?? theirs) lines.push(`${label}　${mine ?? theirs}`);
  };
  both('電話', own.phone, contact?.phone);
  both('FAX', own.fax, contact?.fax);
  both('E-mail', own.email, contact?.email);
  return lines;
}
