import axios from 'axios';

import { fetchToken, probe } from '../helpers/probe';
import { MAX_SEEDED_APPLICATIONS } from '../../emulator/applications';
import { DOCUMENTED_ENDPOINT_LIMITS } from '../../emulator/rate-limit';
import { INSPECTION_PREFIX, SCOPE_READ, startEmulator, type Emulator } from '../../emulator/server';

/** GET /open-apis/hire/v1/applications/:application_id, strict to its page. */
let emulator: Emulator;
afterEach(async () => {
	await emulator.close();
});

const path = (id: string) => `/open-apis/hire/v1/applications/${id}`;

describe('application details', () => {
	it('answers an application with its talent, stage and active status, IDs as 19-digit strings', async () => {
		emulator = await startEmulator({ talents: 1000 });
		const token = await fetchToken(emulator);
		const [first] = emulator.applications();
		const { status, data } = await probe(emulator, 'GET', path(first.id), { token });
		expect(status).toBe(200);
		expect(data.code).toBe(0);
		expect(data.data.application).toEqual(first);
		expect(first.talent_id).toBe(emulator.data.talentIds[0]);
		for (const id of [first.id, first.job_id, first.talent_id, first.stage.id])
			expect(id).toMatch(/^\d{19}$/);
		expect([1, 2]).toContain(first.active_status);
	});

	it('seeds one application for each of the first 500 talents, some terminated', async () => {
		emulator = await startEmulator({ talents: 1000 });
		const applications = emulator.applications();
		expect(applications).toHaveLength(MAX_SEEDED_APPLICATIONS);
		expect(new Set(applications.map((a) => a.talent_id))).toEqual(
			new Set(emulator.data.talentIds.slice(0, MAX_SEEDED_APPLICATIONS)),
		);
		const terminated = applications.filter((a) => a.active_status === 2).length;
		expect(terminated).toBeGreaterThan(50);
		expect(terminated).toBeLessThan(250);
		const listed = await axios.get(`${emulator.url}${INSPECTION_PREFIX}/applications`);
		expect(listed.data).toEqual(applications);
	});

	it('an unknown application is HTTP 400 / 1002002, as the page documents', async () => {
		emulator = await startEmulator({ talents: 10 });
		const token = await fetchToken(emulator);
		for (const id of ['7000000000000000001', 'not-an-id']) {
			const { status, data } = await probe(emulator, 'GET', path(id), { token });
			expect(status).toBe(400);
			expect(data.code).toBe(1002002);
		}
	});

	it('needs hire:application or hire:application:readonly', async () => {
		emulator = await startEmulator({ talents: 10, scopes: [SCOPE_READ] });
		const token = await fetchToken(emulator);
		const { data } = await probe(emulator, 'GET', path(emulator.applications()[0].id), { token });
		expect(data.code).toBe(99991672);
	});

	it('has its own documented limit, 50/s and 1000/min', async () => {
		expect(DOCUMENTED_ENDPOINT_LIMITS.getApplication).toEqual({ perSecond: 50, perMinute: 1000 });
		emulator = await startEmulator({
			talents: 10,
			rateLimits: { getApplication: { perSecond: 5, perMinute: 1000 } },
		});
		const token = await fetchToken(emulator);
		const id = emulator.applications()[0].id;
		const answers = await Promise.all(
			Array.from({ length: 20 }, () => probe(emulator, 'GET', path(id), { token })),
		);
		// 20 at once fall into at most two of the gateway's seconds: at most 10 admitted.
		expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(10);
		expect(emulator.stats().endpoints.getApplication.gatewayPeakPerSecond).toBeLessThanOrEqual(5);
	});
});
