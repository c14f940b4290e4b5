// XML text and attribute values for the JUnit reports (audit, lint, fleet): escaped, and
// without the characters XML 1.0 cannot carry (C0 controls, U+FFFE/U+FFFF, lone surrogates),
// which a name or a migration's text may hold.

export function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

/** An attribute value: line breaks and tabs kept as character references. */
export function attr(text: string): string {
  return xml(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
