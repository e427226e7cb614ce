/** The Hire events Feishu documents for apps, with the scope each subscription needs. */
export const HIRE_EVENTS = [
	{
		name: 'Application Stage Changed',
		value: 'hire.application.stage_changed_v1',
		description: 'An application moved to another stage. Carries application_id.',
		scope: 'hire:application:readonly',
	},
	{
		name: 'Application Deleted',
		value: 'hire.application.deleted_v1',
		description: 'One or more applications were deleted. Carries application_ids.',
		scope: 'hire:application:readonly',
	},
	{
		name: 'Talent Deleted',
		value: 'hire.talent.deleted_v1',
		description: 'A talent was deleted; it can no longer be read. Carries talent_id.',
		scope: 'hire:talent:readonly',
	},
	{
		name: 'Talent Progress Tag Changed',
		value: 'hire.talent.tag_subscription_v1',
		description:
			'A progress tag of a talent changed (only tags marked "supports event subscription" in Hire settings). Carries talent_id and application_id.',
		scope: 'hire:talent:readonly',
	},
	{
		name: 'Offer Status Changed',
		value: 'hire.offer.status_changed_v1',
		description: 'The status of a formal offer changed (not sent on creation). Carries offer_id.',
		scope: 'hire:offer:readonly',
	},
] as const;

/** The option that lets every Hire event (event_type hire.*) through, listed or not. */
export const ANY_HIRE_EVENT = '*';

export function isSelected(eventType: string, selected: string[]): boolean {
	if (selected.includes(ANY_HIRE_EVENT)) return eventType.startsWith('hire.');
	return selected.includes(eventType);
}
