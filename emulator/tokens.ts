import { randomBytes } from 'node:crypto';

export interface IssuedToken {
	token: string;
	expire: number;
}

/**
 * tenant_access_token issuing as the platform notes describe it: while the current token
 * has at least a quarter of its lifetime left (30 min of 2 h) the same token comes back
 * with the remaining seconds; otherwise a new one is issued and the old one stays valid
 * until its own expiry.
 */
export class TokenStore {
	private readonly expiresAt = new Map<string, number>();
	private current: string | undefined;
	issued = 0;

	constructor(
		private readonly lifetimeSeconds: number,
		private readonly now: () => number = Date.now,
	) {}

	issue(): IssuedToken {
		const now = this.now();
		const renewBelowMs = this.lifetimeSeconds * 250;
		if (this.current) {
			const left = (this.expiresAt.get(this.current) ?? 0) - now;
			if (left >= renewBelowMs) return { token: this.current, expire: Math.floor(left / 1000) };
		}
		const token = `t-g1${randomBytes(20).toString('hex')}`;
		this.expiresAt.set(token, now + this.lifetimeSeconds * 1000);
		this.current = token;
		this.issued++;
		return { token, expire: this.lifetimeSeconds };
	}

	isValid(token: string): boolean {
		const expiresAt = this.expiresAt.get(token);
		return expiresAt !== undefined && expiresAt > this.now();
	}

	/** Every token issued so far stops working now; the next token request issues a new one. */
	expireAll(): void {
		for (const token of this.expiresAt.keys()) this.expiresAt.set(token, 0);
		this.current = undefined;
	}

	/** Every token ever issued, so tests can search output for them. */
	all(): string[] {
		return [...this.expiresAt.keys()];
	}
}
