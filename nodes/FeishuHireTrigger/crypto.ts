import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/**
 * Feishu's `encrypt` field: base64 of a 16-byte IV followed by AES-256-CBC ciphertext
 * (PKCS#7), keyed with SHA-256 of the app's Encrypt Key. Returns undefined when it does not
 * decrypt with this key.
 */
export function decryptEvent(encryptKey: string, encrypted: string): string | undefined {
	const bytes = Buffer.from(encrypted, 'base64');
	if (bytes.length < 32 || bytes.length % 16 !== 0) return undefined;
	const key = createHash('sha256').update(encryptKey).digest();
	try {
		const decipher = createDecipheriv('aes-256-cbc', key, bytes.subarray(0, 16));
		return Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8');
	} catch {
		return undefined;
	}
}

/** X-Lark-Signature: hex(SHA-256(timestamp + nonce + Encrypt Key + the raw body as received)). */
export function signatureMatches(
	signature: string,
	timestamp: string,
	nonce: string,
	encryptKey: string,
	rawBody: Buffer,
): boolean {
	const expected = createHash('sha256')
		.update(timestamp + nonce + encryptKey)
		.update(rawBody)
		.digest('hex');
	return sameText(signature.toLowerCase(), expected);
}

/** Compares secrets in time that does not depend on where they differ. */
export function sameText(actual: string, expected: string): boolean {
	const a = createHash('sha256').update(actual).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}
