import type { Emulator } from '../emulator';
import {
	activateHrAutomations,
	movableApplications,
	moveStage,
	submitReferral,
} from '../tools/n8n/hr-automations';
import type { N8nInstance } from '../tools/n8n/instance';
import { EXAMPLES } from '../tools/n8n/workspace';

const OFFER_STAGE = '6949805467799537004';
const INTERVIEW_STAGE = '6949805467799537003';

/**
 * The HR automations part of the demo: the offer-stage and referral examples activated on a
 * started n8n; two stages moved through the node (the emulator sends Feishu's event to the
 * offer example), the referral form sent twice. Returns a row per step and what came of it.
 */
export async function runHrFlow(
	n8n: N8nInstance,
	emulator: Emulator,
	cookie: string,
): Promise<string[][]> {
	await activateHrAutomations(n8n, emulator, cookie);
	const rows: string[][] = [['step', 'what happened in Hire']];
	const [toOffer, toInterview] = movableApplications(emulator);
	await moveStage(n8n, toOffer.id, OFFER_STAGE);
	await moveStage(n8n, toInterview.id, INTERVIEW_STAGE);
	await n8n.waitForExecutions(cookie, EXAMPLES.offerStage.id, 2, 60_000);
	const [note] = emulator.notes(toOffer.talent_id);
	rows.push([
		`Move to Stage → Offer (application ${toOffer.id})`,
		`note "${note?.content ?? '(none)'}"; tags ${emulator.tagsOf(toOffer.talent_id).length}`,
	]);
	rows.push([
		`Move to Stage → Interview (application ${toInterview.id})`,
		`${emulator.notes(toInterview.talent_id).length} notes, ${emulator.tagsOf(toInterview.talent_id).length} tags (not an offer stage)`,
	]);

	const job = emulator.jobs()[1];
	const referral = {
		name: 'Zhao Min',
		email: 'zhao.min.demo@example.com',
		jobId: job.id,
		referredBy: 'Li Lei',
	};
	for (const [index, label] of ['Referral form sent', '  the same form again'].entries()) {
		await submitReferral(n8n, referral);
		await n8n.waitForExecutions(cookie, EXAMPLES.referral.id, index + 1, 60_000);
		const talents = emulator.talents().filter((talent) => talent.email === referral.email);
		const applications = emulator
			.applications()
			.filter((one) => talents.some((talent) => talent.talent_id === one.talent_id));
		const notes = talents.flatMap((talent) => emulator.notes(talent.talent_id));
		rows.push([
			label,
			`${talents.length} talent, ${applications.length} application on ${job.title}, ${notes.length} note`,
		]);
	}
	return rows;
}
