/**
 * The README's TypeScript examples ("Build a frontend on this API": paging, ETag and If-Match, Idempotency-Key),
 * compiled with the generated client under `tsc --strict` so that they keep matching the document. Not run: the
 * walk (contract-walk.ts) exercises the same conventions against the services.
 */
import { Configuration, FacilitiesApi, ResponseError } from '../../target/ts-client';
import type { Facility, FacilityInput } from '../../target/ts-client';

/** Paging: every page of a list, `page` 1-based, `size` ≤ 500. */
export async function allChildrenHomes(facility: Configuration, region: string): Promise<Facility[]> {
    const facilities: Facility[] = [];
    for (let page = 1, pages = 1; page <= pages; page++) {
        const p = await new FacilitiesApi(facility).listFacilities({ region, type: 'children-home', page, size: 500 });
        facilities.push(...p.items);
        pages = p.totalPages;
    }
    return facilities;
}

/** ETag and If-Match: a change sends back the version it was made on; 412 if someone changed it since. */
export async function rename(facility: Configuration, id: string, name: string,
                             toInput: (f: Facility) => FacilityInput): Promise<Facility | 'changed meanwhile'> {
    const api = new FacilitiesApi(facility);
    const read = await api.getFacilityRaw({ id });
    const etag = read.raw.headers.get('ETag') ?? '';
    const current = await read.value();
    try {
        return await api.updateFacility({ id, ifMatch: etag, facilityInput: { ...toInput(current), name } });
    } catch (e) {
        if (e instanceof ResponseError && e.response.status === 412) {
            return 'changed meanwhile';
        }
        throw e;
    }
}

/** Idempotency-Key: one key per user action, reused by every retry; the retry gets the first answer. */
export async function register(facility: Configuration, home: FacilityInput): Promise<{ created: Facility; replayed: boolean }> {
    const key = crypto.randomUUID();
    const send = () => new FacilitiesApi(facility).createFacilityRaw({ idempotencyKey: key, facilityInput: home });
    const answer = await send().catch(send);
    return { created: await answer.value(), replayed: answer.raw.headers.get('Idempotent-Replayed') === 'true' };
}
