/**
 * `cidrsubnet` in TypeScript, so subnet blocks are plain strings in the
 * synthesised JSON (testable) rather than Terraform expressions.
 */
export function subnetCidr(parent: string, newBits: number, index: number): string {
  const [address, prefixText] = parent.split('/');
  const prefix = Number(prefixText);
  const octets = (address ?? '').split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || !(prefix >= 0 && prefix <= 32)) {
    throw new Error(`not an IPv4 CIDR block: ${parent}`);
  }
  const newPrefix = prefix + newBits;
  if (newPrefix > 32) throw new Error(`${parent} has no room for ${newBits} more bits`);
  if (index < 0 || index >= 2 ** newBits) throw new Error(`subnet index ${index} out of range for ${newBits} bits`);
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - newPrefix);
  const start = base - (base % 2 ** (32 - prefix)) + index * size;
  const parts = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
  return `${parts.join('.')}/${newPrefix}`;
}
