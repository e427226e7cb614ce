import { FEISHU, FeishuFailure } from './hire-errors';
import { jsonBody } from './http';
import { page } from './page-token';
import type { HireRoute } from './state';

/**
 * POST /open-apis/hire/v1/locations/query: administrative areas by type. The emulator knows a
 * few countries (codes in the CN_<n> shape the pages show; the names are the emulator's own)
 * and no states, cities or districts.
 */
export const COUNTRIES = [
	{ code: 'CN_1', zh: '中国大陆', en: 'Chinese Mainland', py: 'zhongguodalu' },
	{ code: 'CN_2', zh: '中国香港', en: 'Hong Kong, China', py: 'zhongguoxianggang' },
	{ code: 'CN_3', zh: '中国澳门', en: 'Macao, China', py: 'zhongguoaomen' },
	{ code: 'CN_4', zh: '中国台湾', en: 'Taiwan, China', py: 'zhongguotaiwan' },
	{ code: 'CN_112', zh: '新加坡', en: 'Singapore', py: 'xinjiapo' },
	{ code: 'CN_183', zh: '美国', en: 'United States', py: 'meiguo' },
	{ code: 'CN_60', zh: '日本', en: 'Japan', py: 'riben' },
	{ code: 'CN_70', zh: '英国', en: 'United Kingdom', py: 'yingguo' },
];

const BODY_FIELDS = new Set(['location_type', 'code_list']);

export function locationsPage(
	body: Record<string, unknown>,
	query: URLSearchParams,
	secret: string,
): { status: number; body: unknown } {
	for (const key of Object.keys(body)) if (!BODY_FIELDS.has(key)) fail(`unknown field ${key}`);
	for (const key of query.keys())
		if (key !== 'page_size' && key !== 'page_token') fail(`unsupported parameter ${key}`);
	const type = body.location_type;
	if (type !== 1 && type !== 2 && type !== 3 && type !== 4)
		fail('location_type must be 1, 2, 3 or 4');
	const codes = body.code_list;
	if (
		codes !== undefined &&
		(!Array.isArray(codes) ||
			codes.length > 100 ||
			!codes.every((code) => typeof code === 'string'))
	)
		fail('code_list must be at most 100 strings');
	const rawSize = query.get('page_size');
	const pageSize = Number(rawSize);
	if (rawSize === null || !/^\d+$/.test(rawSize) || pageSize < 1 || pageSize > 100)
		fail('page_size is required, 1 to 100');
	const scope = JSON.stringify([type, codes ?? null]);
	const wanted = codes ? new Set(codes as string[]) : undefined;
	const countries =
		type === 1 ? COUNTRIES.filter((country) => !wanted || wanted.has(country.code)) : [];
	const found = page(secret, countries, pageSize, query.get('page_token') || undefined, scope);
	const items = found.items.map((country) => ({
		country: {
			country_code: country.code,
			country_name_info: { zh_name: country.zh, en_name: country.en, py_name: country.py },
		},
	}));
	return { status: 200, body: { code: 0, msg: 'success', data: { ...found, items } } };
}

export const locationRoutes: HireRoute[] = [
	{
		method: 'POST',
		path: /^\/open-apis\/hire\/v1\/locations\/query$/,
		endpoint: 'queryLocations',
		handle: (state, { req, url, rawBody }) =>
			locationsPage(jsonBody(req, rawBody), url.searchParams, state.pageTokenSecret),
	},
];

function fail(detail: string): never {
	throw new FeishuFailure(FEISHU.hireParamError, detail);
}
