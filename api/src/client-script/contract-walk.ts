/**
 * A frontend team's first walk over the platform, written only with the TypeScript client the build generates from the
 * merged OpenAPI document (typescript-fetch) and compiled with it under `tsc --strict`: if the document and the
 * services disagree, this is where a frontend would notice.
 *
 * Run by system-tests (ContractClientTest) against the four running services:
 *   node target/client-js/src/client-script/contract-walk.js
 * with CFC_FACILITY_URL, CFC_INDICATOR_URL, CFC_TASK_URL, CFC_REPORTING_URL (the services' base URLs), CFC_TOKEN (a
 * coordinator of CFC_REGION), CFC_REVIEWER_TOKEN (a second coordinator of it: four eyes), CFC_REGION, CFC_NEAR
 * (lat,lng,radiusMeters), CFC_INDICATOR (an indicator with a 2025 target in the region) and CFC_XLSX_OUT (where the
 * snapshot's workbook is saved as it arrived).
 *
 * Prints one `step: result` line per step; on the first failed expectation prints `failed: …` (with the problem the
 * API answered, if it answered one) and exits 1.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import {
    ComplianceApi,
    Configuration,
    CoverageApi,
    EvaluationsApi,
    FacilitiesApi,
    ObservationsApi,
    RegionsApi,
    ResponseError,
    SnapshotsApi,
    UnitsApi,
    ListUnitsSortEnum,
} from '../../target/ts-client';
import type { Facility, Observation, Region, Unit } from '../../target/ts-client';

function env(name: string): string {
    const value = process.env[name];
    if (value === undefined || value === '') {
        throw new Error(`${name} is not set`);
    }
    return value;
}

function expect(condition: boolean, what: string): void {
    if (!condition) {
        throw new Error(`expected ${what}`);
    }
}

function step(name: string, result: string): void {
    console.log(`${name}: ${result}`);
}

const region = env('CFC_REGION');
const [lat, lng, radius] = env('CFC_NEAR').split(',');
const indicator = env('CFC_INDICATOR');

/** One configuration per service: each serves its part of the one document on its own base URL. */
function config(urlVariable: string, tokenVariable = 'CFC_TOKEN'): Configuration {
    return new Configuration({ basePath: env(urlVariable), accessToken: env(tokenVariable) });
}

const facility = config('CFC_FACILITY_URL');
const indicatorService = config('CFC_INDICATOR_URL');
const task = config('CFC_TASK_URL');
const reporting = config('CFC_REPORTING_URL');

async function main(): Promise<void> {
    const county: Region = await new RegionsApi(facility).getRegion({ code: region });
    expect(county.code?.startsWith(region) === true, `region ${region}, got ${county.code}`);
    step('region', `${county.code} ${county.name} ${county.level} children=${county.childCount}`);

    const near = await new FacilitiesApi(facility).listFacilities({
        near: `${lat},${lng},${radius}`, type: 'children-home', region,
    });
    const homes: Facility[] = near.items ?? [];
    expect(homes.length > 0, 'a 儿童之家 near the point');
    const distances = homes.map((h) => h.distanceMeters ?? Number.NaN);
    expect(distances.every((d, i) => i === 0 || d >= distances[i - 1]), `sorted by distance, got ${distances}`);
    step('facilities-near', `${homes.length} ${homes[0].name}@${Math.round(distances[0])}m `
        + homes.slice(1).map((h) => h.name).join(' '));

    const coverage = await new CoverageApi(facility).getCoverage({ region, type: 'children-home' });
    step('coverage', `${coverage.type} eligible=${coverage.eligible} covered=${coverage.covered}`);

    const evaluations = await new EvaluationsApi(indicatorService).evaluateTargets({ region, year: 2025 });
    step('evaluations', `${evaluations.year} items=${(evaluations.items ?? []).length}`);

    const units = await new UnitsApi(task).listUnits({ region, period: '2025H2', sort: ListUnitsSortEnum.Behind });
    const first: Unit | undefined = units.items?.[0];
    expect(first !== undefined, 'a unit of the region');
    step('units-behind', `${first?.name} overdue=${first?.accountability?.milestonesOverdue}`);

    const compliance = await new ComplianceApi(reporting).getCompliance({ region, period: '2025' });
    step('compliance', `2025 targets=${compliance.targets.length} milestones=${compliance.milestones.length}`);

    // a snapshot, then its workbook through the same operation: the raw response, read as bytes, not as text
    const snapshots = new SnapshotsApi(reporting);
    const snapshot = await snapshots.createSnapshot({ snapshotInput: { region, period: '2025' } });
    const snapshotId = snapshot.snapshotId;
    expect(snapshotId !== null, 'a stored snapshot has an id');
    step('snapshot', `${snapshotId}`);
    const workbook = await snapshots.getSnapshotRaw({ id: `${snapshotId}`, format: 'xlsx' });
    const bytes = Buffer.from(await workbook.raw.arrayBuffer());
    writeFileSync(env('CFC_XLSX_OUT'), bytes);
    step('snapshot-xlsx', `sha256=${createHash('sha256').update(bytes).digest('hex')} bytes=${bytes.length}`);

    // the office files a value; a second person of it approves that version: If-Match carries the ETag it came with
    const observations = new ObservationsApi(indicatorService);
    const filed = await observations.createObservationRaw({
        observationInput: { indicator, region, period: '2025', numerator: 9, denominator: 3000, status: 'submitted' },
    });
    const etag = filed.raw.headers.get('ETag');
    const submitted: Observation = await filed.value();
    expect(etag !== null, 'an ETag on the filed value');
    const reviewer = new ObservationsApi(config('CFC_INDICATOR_URL', 'CFC_REVIEWER_TOKEN'));
    const approved = await reviewer.approveObservation({ id: `${submitted.id}`, ifMatch: `${etag}` });
    expect(approved.status === 'approved', `approved, got ${approved.status}`);
    step('observation', `${submitted.id} ${submitted.status}→${approved.status}`);

    // the version it approved is gone: the same If-Match again is refused as stale
    try {
        await reviewer.approveObservation({ id: `${submitted.id}`, ifMatch: `${etag}` });
        throw new Error('expected 412 for a stale If-Match');
    } catch (e) {
        if (!(e instanceof ResponseError)) {
            throw e;
        }
        step('stale-if-match', `${e.response.status} ${e.response.headers.get('Content-Type')}`);
    }
}

main().catch(async (e: unknown) => {
    const problem = e instanceof ResponseError ? ` → ${e.response.status} ${await e.response.text()}` : '';
    console.log(`failed: ${e instanceof Error ? e.message : String(e)}${problem}`);
    process.exitCode = 1;
});
