export const id = 289;
export const ids = [289];
export const modules = {

/***/ 4289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  guardedRefresh: () => (/* binding */ guardedRefresh),
  holderName: () => (/* binding */ holderName),
  lockTtlMs: () => (/* binding */ lockTtlMs)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 17 modules
var core = __webpack_require__(6698);
// EXTERNAL MODULE: ./src/github/api.ts
var github_api = __webpack_require__(8943);
// EXTERNAL MODULE: ./src/oauth/endpoints.ts + 1 modules
var endpoints = __webpack_require__(1911);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
// EXTERNAL MODULE: ./src/rotation/lock.ts
var rotation_lock = __webpack_require__(8819);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/github/secrets.ts
var secrets = __webpack_require__(298);
// EXTERNAL MODULE: ./src/github/targets.ts
var targets = __webpack_require__(5617);
// EXTERNAL MODULE: ./src/oauth/outcome.ts
var outcome = __webpack_require__(3383);
// EXTERNAL MODULE: ./src/rotation/claims.ts
var claims = __webpack_require__(5133);
;// CONCATENATED MODULE: ./src/rotation/messages.ts


const iso = (ms) => (ms === undefined || Number.isNaN(new Date(ms).getTime()) ? 'an unknown time' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
const who = (seen) => (0,errors/* foreign */.V$)(seen.holder ?? 'a run whose claim is unreadable');
function spentToken(t, name, sharing) {
    return new errors/* ActionError */.lZ('stale_token', `The refresh token given to this run was already presented by another run, and the provider rotated it: presenting it again could make the provider revoke the whole grant (RFC 9700 §4.14.2), so it was not sent. ` +
        `${sharing ? "No shared access token valid for 'min-validity' with the needed scopes was there to use instead. " : ''}` +
        `Start a new run: it reads ${(0,targets/* describeSecret */.wr)(t, name)} as it is now. A refresh token you stored by hand (a fallback step, or after authorizing again) is presented normally.`);
}
function outcomeUnknown(t, claimName, seen, windowMs) {
    const why = seen.status === 'uncertain' ? 'got no answer from the provider' : 'was stopped before it said what came of it';
    const window = windowMs > 0 && Number.isFinite(windowMs) ? ` The provider's reuse window (${Math.round(windowMs / 1000)} s) has passed, and it was presented again once already or too late.` : '';
    return new errors/* ActionError */.lZ('outcome_unknown', `The refresh token given to this run was presented at ${iso(seen.createdAt)} by ${who(seen)}, which ${why}. The provider may have rotated it, and presenting a spent refresh token can make it revoke the whole grant (RFC 9700 §4.14.2), so it was not sent.${window} ` +
        `If that run's log shows it never reached the refresh, or the provider shows no refresh at that time, delete ${(0,targets/* describeSecret */.wr)(t, claimName, 'variable')} and run again; otherwise authorize again and store the new refresh token in the secret.`);
}
function stillPresenting(t, claimName, seen) {
    return new errors/* ActionError */.lZ('lock_timeout', `The refresh token given to this run was claimed by ${who(seen)} at ${iso(seen.createdAt)} (${(0,targets/* describeSecret */.wr)(t, claimName, 'variable')}), which has not recorded what came of it: it may still be presenting it, or its record is late. It was not sent. ` +
        'Run again in a few minutes: by then that run has shared its access token or recorded the token as spent.');
}
function secretMissing(t, name) {
    const scope = t.kind === 'organization' ? `organization ${t.org}` : t.kind === 'environment' ? `environment '${t.environment}' of ${t.repository}` : `repository ${t.repository}`;
    const hint = t.kind === 'organization' ? '' :
        ` If ${name} is an organization secret, set 'secret-org'${t.kind === 'environment' ? ' and leave out secret-environment' : ''}: its claims and lock must live where the secret does, or two scopes would each let a run present the same token.`;
    return new errors/* ActionError */.lZ('secret_missing', `${(0,targets/* describeSecret */.wr)(t, name).replace(/^the/, 'The')} does not exist: the ${scope} holds no secret by that name, so the token given to this run comes from somewhere else. Nothing was refreshed.${hint} ` +
        `Otherwise create ${name} there with the current refresh token, and read it with 'refresh-token: \${{ secrets.${name} }}'.`);
}

;// CONCATENATED MODULE: ./src/rotation/claim-wait.ts



async function claimTaken(first, w) {
    const claimName = (again = false) => new claims/* Claim */.JF(w.api, w.target, w.secretName, w.id, w.claimant, again);
    const name = claimName().name;
    let seen = first;
    let watching = { value: seen.value, since: w.deps.now() };
    for (let n = 1;; n++) {
        const shared = await w.poll();
        if (shared)
            return { kind: 'served', shared };
        if (seen.status === 'spent' || w.spent())
            throw spentToken(w.target, w.secretName, w.sharing);
        const now = w.deps.now();
        const life = Math.min(seen.ttlMs ?? w.claimant.ttlMs, w.claimant.ttlMs);
        const ended = seen.status === 'uncertain' || (w.orphanNonce !== undefined && seen.nonce === w.orphanNonce) || now - watching.since >= life;
        if (ended) {
            const since = seen.createdAt === undefined ? Infinity : (seen.serverNow ?? seen.createdAt) - seen.createdAt;
            if ((0,outcome/* mayPresentAgain */.B)('uncertain', w.reuseWindowMs, since)) {
                const again = claimName(true);
                if ((await again.create()) === true)
                    return { kind: 'claimed', claim: again };
            }
            throw outcomeUnknown(w.target, name, seen, w.reuseWindowMs);
        }
        if (now >= w.until)
            throw stillPresenting(w.target, name, seen);
        const ceiling = Math.min(8000, 500 * 2 ** (n - 1));
        await w.deps.sleep(Math.max(50, Math.min(ceiling / 2 + (w.deps.random ?? Math.random)() * (ceiling / 2), w.until - now)));
        const next = await (0,claims/* readClaimVariable */.tX)(w.api, w.target, name);
        if (!next) {
            const fresh = claimName();
            const got = await fresh.create();
            if (got === true)
                return { kind: 'claimed', claim: fresh };
            seen = got;
        }
        else {
            seen = next;
        }
        if (seen.value !== watching.value)
            watching = { value: seen.value, since: w.deps.now() };
    }
}

// EXTERNAL MODULE: ./src/rotation/fingerprint.ts
var fingerprint = __webpack_require__(9882);
;// CONCATENATED MODULE: ./src/rotation/lock-wait.ts

async function lockRound(lock, poll, opts) {
    const [got, served] = await Promise.allSettled([lock.tryAcquire(), poll()]);
    if (got.status === 'rejected')
        throw got.reason;
    if (served.status === 'rejected' || served.value !== undefined) {
        const warning = await lock.release();
        if (warning)
            opts.warn(warning);
        if (served.status === 'rejected')
            throw served.reason;
        return { kind: 'served', value: served.value };
    }
    return got.value === true ? { kind: 'acquired' } : { kind: 'held', held: got.value };
}
const backoff = (n, random) => {
    const ceiling = Math.min(8000, 500 * 2 ** (n - 1));
    return ceiling / 2 + random() * (ceiling / 2);
};
async function waitForLock(lock, poll, first, opts, deps) {
    const start = deps.now();
    const random = deps.random ?? Math.random;
    let watching;
    let told;
    let round = first;
    for (let n = 1; round.kind === 'held'; n++) {
        const held = round.held;
        let now = deps.now();
        if (held && watching?.value !== held.value)
            watching = { value: held.value, since: now };
        if (!held)
            watching = undefined;
        const life = held ? Math.min(held.ttlMs, opts.ownTtlMs) : 0;
        if (held && watching && now - watching.since >= life) {
            opts.warn(`The lock ${lock.where}, held by ${holderOf(held)}, stayed unchanged for ${Math.round(life / 1000)} s, its holder's whole lifetime, without being released: that run was probably cancelled or killed. ` +
                'This run takes it over. A refresh token that run presented stays claimed: this run will not present it again.');
            if (await lock.takeOver())
                return { kind: 'acquired', takenFrom: held };
            watching = undefined;
            now = deps.now();
        }
        const waited = now - start;
        if (waited >= opts.waitMs) {
            throw new errors/* ActionError */.lZ('lock_timeout', `Waited ${Math.round(waited / 1000)} s for the lock ${lock.where}${held ? `, held by ${holderOf(held)}` : ''} ('lock-timeout-seconds'). Nothing was refreshed, so the refresh token was not used. ` +
                `Run again later. A lock whose holder was killed is taken over by the first run that watches it unchanged for its lifetime (${Math.round(opts.ownTtlMs / 1000)} s with this run's settings): raise 'lock-timeout-seconds' above that, or delete the variable if no other run is active.`);
        }
        if (held && told !== held.value) {
            told = held.value;
            deps.info(`Waiting for the lock ${lock.where}: held by ${holderOf(held)}, for at most ${Math.round(life / 1000)} s more if its holder never releases it.`);
        }
        const untilExpiry = held && watching ? life - (now - watching.since) + 250 : Infinity;
        await deps.sleep(Math.max(50, Math.min(backoff(n, random), opts.waitMs - waited, untilExpiry)));
        round = await lockRound(lock, poll, opts);
    }
    return round;
}
const holderOf = (h) => (0,errors/* foreign */.V$)(h.holder ?? 'a run whose claim is unreadable');

// EXTERNAL MODULE: ./src/oauth/scopes.ts
var scopes = __webpack_require__(126);
;// CONCATENATED MODULE: ./src/rotation/sealed-value.ts

const INFO = 'oauth-refresh-action/sealed-value/v1';
function key(secret, salt, context) {
    return Buffer.from((0,external_node_crypto_.hkdfSync)('sha256', Buffer.from(secret, 'utf8'), salt, `${INFO}\n${context}`, 32));
}
function sealValue(plaintext, secret, context) {
    const salt = (0,external_node_crypto_.randomBytes)(16);
    const iv = (0,external_node_crypto_.randomBytes)(12);
    const cipher = (0,external_node_crypto_.createCipheriv)('aes-256-gcm', key(secret, salt, context), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return ['v1', salt, iv, sealed].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}
function openValue(value, secret, context) {
    const parts = value.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1')
        return undefined;
    const [salt, iv, sealed] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
    if (salt.length !== 16 || iv.length !== 12 || sealed.length < 16)
        return undefined;
    try {
        const decipher = (0,external_node_crypto_.createDecipheriv)('aes-256-gcm', key(secret, salt, context), iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(sealed.subarray(sealed.length - 16));
        return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/rotation/shared-token.ts



const MAX_SHARE_MS = 86_400_000;
const DATE_RESOLUTION_MS = 1000;
const context = (c) => `${(0,targets/* describeSecret */.wr)(c.target, c.secretName)}\nclient_id=${c.clientId}`;
function sealShared(s, refreshTokens, c) {
    const payload = JSON.stringify({
        access_token: s.tokens.accessToken,
        token_type: s.tokens.tokenType,
        expires_at: s.expiresAt,
        scope: s.granted.scopes.join(' '),
        scope_source: s.granted.source,
        requested: s.requested ?? null
    });
    return [...new Set(refreshTokens)].map((rt) => sealValue(payload, rt, context(c)));
}
function openShared(sealed, refreshToken, c, mask) {
    for (const value of sealed) {
        const text = openValue(value, refreshToken, context(c));
        if (text !== undefined)
            return parsePayload(text, mask);
    }
    return undefined;
}
function parsePayload(text, mask) {
    let p;
    try {
        p = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    const { access_token: token, token_type: type, expires_at: expiresAt, scope, scope_source: source, requested } = p;
    if (typeof token !== 'string' || !token || typeof type !== 'string' || typeof expiresAt !== 'number' || typeof scope !== 'string')
        return undefined;
    if (requested !== null && typeof requested !== 'string')
        return undefined;
    mask(token);
    const granted = { scopes: (0,scopes/* parseScopes */.Fg)(scope), source: source === 'response' || source === 'requested' || source === 'jwt' ? source : 'unknown' };
    return { tokens: { accessToken: token, tokenType: type, expiresIn: undefined, refreshToken: undefined, scope, warnings: [] }, granted, expiresAt, requested: requested ?? undefined };
}
function usable(shared, githubNow, needs) {
    if (shared.expiresAt - githubNow - DATE_RESOLUTION_MS < needs.minValidityMs)
        return false;
    const held = new Set(shared.granted.scopes);
    if (!needs.requiredScopes.every((s) => held.has(s)))
        return false;
    return sameScope(shared.requested, needs.scope);
}
function sameScope(a, b) {
    if (a === undefined || b === undefined)
        return a === b;
    const x = new Set((0,scopes/* parseScopes */.Fg)(a));
    const y = (0,scopes/* parseScopes */.Fg)(b);
    return x.size === y.length && y.every((s) => x.has(s));
}

;// CONCATENATED MODULE: ./src/rotation/presented.ts


async function settleClaim(claim, p, policy, error, io) {
    const message = error instanceof errors/* ActionError */.lZ ? error.message : String(error);
    const rethrow = (extra) => (error instanceof errors/* ActionError */.lZ ? new errors/* ActionError */.lZ(error.code, `${message} ${extra}`, error.details) : error);
    if ((p === 'unsent' || p === 'refused') && !policy.spendsOnError) {
        await claim.release().catch((e) => io.warning(unreleased(claim, { reason: e })));
        return error;
    }
    const status = p === 'uncertain' ? 'uncertain' : 'spent';
    const marked = await claim.mark(status).then(() => true, () => false);
    const recorded = marked ? `${capitalize(claim.where)} records it` : `${capitalize(claim.where)}, created before the refresh, stands`;
    if (status === 'spent') {
        return rethrow(`The provider ${p === 'refused' ? 'spends a refresh token on any answer' : 'issued tokens this run could not use'}, so the refresh token is taken as spent. ${recorded}: no run will present it again. Authorize again and store the new refresh token in the secret.`);
    }
    const window = policy.reuseWindowMs > 0 ? (Number.isFinite(policy.reuseWindowMs) ? ` except once within the provider's reuse window (${Math.round(policy.reuseWindowMs / 1000)} s)` : ' except when the next run tries (the provider accepts a refresh token again)') : '';
    return rethrow(`${recorded}: no run will present this token again${window}. If the provider shows no refresh at this time, delete that variable and run again; otherwise authorize again and store the new refresh token in the secret.`);
}
function unreleased(claim, r) {
    const why = r.reason instanceof Error ? r.reason.message : String(r.reason);
    return `${capitalize(claim.where)} could not be deleted: ${why} The provider did not spend the refresh token, but runs will not present it while that variable exists: delete it.`;
}
function sharedCopies(refreshed, claim, policy, newest, ctx) {
    const o = refreshed.obtained;
    if (!policy.share || !o || refreshed.invalid || o.tokens.expiresIn === undefined || o.tokens.lifetimeDoubtful)
        return [];
    const expiresAt = claim.githubTime(o.receivedAt ?? 0) + Math.min(o.tokens.expiresIn * 1000, MAX_SHARE_MS);
    const keys = refreshed.rotated ? [newest, policy.refreshToken] : [policy.refreshToken];
    return sealShared({ tokens: o.tokens, granted: o.granted, expiresAt, requested: policy.needs.scope }, keys, ctx);
}
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// EXTERNAL MODULE: ./src/rotation/state.ts
var state = __webpack_require__(7687);
// EXTERNAL MODULE: ./src/rotation/store.ts + 1 modules
var store = __webpack_require__(1705);
;// CONCATENATED MODULE: ./src/rotation/rotate.ts














const LOCK_MARGIN_MS = 10_000;
const CLAIM_SETTLE_MS = 30_000;
async function rotate(p, io) {
    const { api, target: t, secretName: name } = p;
    const deps = io.deps;
    const id = (0,fingerprint/* tokenId */.j)(p.refreshToken);
    const ctx = { clientId: p.clientId, target: t, secretName: name };
    const claimant = { holder: p.holder, nonce: p.nonce, ttlMs: p.ttlMs };
    const cleanup = {};
    const save = (c) => io.save(Object.assign(cleanup, c));
    let seen = state/* EMPTY_STATE */.Wk;
    const servable = (st) => {
        const shared = p.share ? openShared(st.shared, p.refreshToken, ctx, deps.mask) : undefined;
        const now = deps.now();
        const githubNow = st.serverNow ?? now;
        return shared && usable(shared, githubNow, p.needs) ? { ...shared, expiresAt: shared.expiresAt - githubNow + now } : undefined;
    };
    const poll = async () => servable((seen = await (0,state/* readState */.un)(api, t, name)));
    const lock = p.lock ? new rotation_lock/* CrossRunLock */.Rv(api, t, name, { holder: p.holder, nonce: p.nonce, ttlMs: p.ttlMs }) : undefined;
    const lockOpts = { waitMs: p.lockWaitMs, ownTtlMs: p.ttlMs, warn: io.warning };
    const lockedApi = () => (lock ? { ...api, deadline: lock.deadline - LOCK_MARGIN_MS } : api);
    let removeProbe;
    let lockSeen;
    let prune = [];
    let presented = false;
    let keepLock = false;
    let unspent;
    let again = false;
    if (lock)
        save({ lock: lock.value() });
    try {
        const [ep, key, org, first] = await settled([
            io.endpoints(),
            (0,secrets/* readPublicKey */.RR)(api, t, name),
            t.kind === 'organization' ? (0,secrets/* orgVisibility */.po)(api, t, name) : Promise.resolve(undefined),
            lock ? lockRound(lock, poll, lockOpts) : poll().then((value) => (value ? { kind: 'served', value } : { kind: 'acquired' }))
        ]);
        const round = lock && first.kind === 'held' ? await waitForLock(lock, poll, first, lockOpts, deps) : first;
        if (round.kind === 'served')
            return { kind: 'shared', shared: round.value, ep };
        if (t.kind === 'organization' && org === undefined)
            throw secretMissing(t, name);
        if (p.guard && (0,state/* isSpent */.Fh)(seen, id))
            throw spentToken(t, name, p.share);
        let claim = new claims/* Claim */.JF(api, t, name, id, claimant);
        save({ claim: { name: claim.name, value: claim.value(), presented: false } });
        const [claimed, probe, exists] = await Promise.allSettled([
            claim.create(),
            (0,store/* proveWritable */.F)(lockedApi(), t, name, key),
            t.kind === 'organization' ? Promise.resolve(true) : (0,secrets/* secretExists */.H$)(lockedApi(), t, name)
        ]);
        if (probe.status === 'fulfilled') {
            removeProbe = probe.value.remove;
            save({ probe: probe.value.name });
        }
        const ours = claimed.status === 'fulfilled' && claimed.value === true;
        const failure = [exists, probe, claimed].find((r) => r.status === 'rejected');
        if (failure || (exists.status === 'fulfilled' && !exists.value)) {
            if (ours)
                await claim.release().catch(() => undefined);
            throw failure ? failure.reason : secretMissing(t, name);
        }
        const got = claimed.value;
        if (got !== true) {
            const bound = lock ? lock.deadline - LOCK_MARGIN_MS - p.storeReserveMs - api.timeoutMs : deps.now() + p.lockWaitMs;
            const until = lock && round.kind === 'acquired' && !round.takenFrom ? Math.min(bound, deps.now() + CLAIM_SETTLE_MS) : bound;
            const wait = { api, target: t, secretName: name, id, claimant, poll, spent: () => (0,state/* isSpent */.Fh)(seen, id), sharing: p.share, reuseWindowMs: p.reuseWindowMs, orphanNonce: round.kind === 'acquired' ? round.takenFrom?.nonce : undefined, until, deps };
            const after = p.guard ? await claimTaken(got, wait) : { kind: 'claimed', claim };
            if (after.kind === 'served')
                return { kind: 'shared', shared: after.shared, ep };
            claim = after.claim;
            again = claim.name.endsWith('_AGAIN');
            if (!p.guard)
                io.warning(`${rotate_capitalize(claim.where)} says another run presented this refresh token; 'stale-token-guard: false' presents it again all the same.`);
        }
        const deadline = lock ? lock.deadline - LOCK_MARGIN_MS - p.storeReserveMs : undefined;
        if (deadline !== undefined && deps.now() + api.timeoutMs > deadline) {
            await claim.release().catch(() => undefined);
            throw new errors/* ActionError */.lZ('lock_timeout', `GitHub's answers took so long that this run's hold on ${lock.where} would end before a refresh could be stored. Nothing was refreshed, so the refresh token was not used. Run again.`);
        }
        save({ claim: { name: claim.name, value: claim.value(), presented: true } });
        presented = true;
        return await io.critically(async () => {
            let refreshed;
            try {
                refreshed = await io.refresh(ep, deadline);
            }
            catch (e) {
                const settled = await settleClaim(claim, (0,outcome/* presentationOf */.u)(e), p, e, io);
                save({ claim: undefined });
                throw settled;
            }
            const left = { name: claim.name, value: claim.value(), presented: true };
            save({ rotated: refreshed.rotated, claim: { ...left, outcome: refreshed.rotated ? 'spent' : 'unspent' } });
            const newest = refreshed.rotated ?? p.refreshToken;
            const shared = sharedCopies(refreshed, claim, p, newest, ctx);
            lockSeen = lock?.readBack();
            if (!refreshed.rotated) {
                unspent = claim;
                if (shared.length === 0 && seen.exists && seen.current === id)
                    return { kind: 'refreshed', refreshed, ep, storedIn: undefined };
            }
            const nowS = Math.floor(claim.githubTime(deps.now()) / 1000);
            try {
                const stored = await (0,store/* storeRotation */.s)(lockedApi(), t, name, key, org, seen, { rotated: refreshed.rotated, presentedId: id, currentId: (0,fingerprint/* tokenId */.j)(newest), claimedAtS: claim.claimedAtS, again, nowS, shared, claimName: claim.where });
                prune = stored.prune;
                const storedIn = stored.secretUpdated ? (0,targets/* describeSecret */.wr)(t, name) : undefined;
                if (storedIn) {
                    save({ rotated: undefined, claim: undefined });
                    io.info(`Stored the new refresh token in ${storedIn}.`);
                }
                if (stored.stateError) {
                    io.warning(stored.stateError.message);
                    if (refreshed.rotated)
                        await claim.mark('spent').catch(() => undefined);
                }
                if (shared.length > 0 && !stored.sharedKept && !stored.stateError)
                    io.warning('The access token is too large to share through a GitHub variable (48 KB); other runs will refresh for themselves.');
                return { kind: 'refreshed', refreshed, ep, storedIn };
            }
            catch (e) {
                if (e instanceof errors/* ActionError */.lZ && e.code === 'secret_not_stored')
                    keepLock = lock !== undefined;
                await claim.mark('spent').catch(() => undefined);
                throw e;
            }
        });
    }
    catch (e) {
        if (presented || !(e instanceof errors/* ActionError */.lZ) || ['stale_token', 'lock_timeout', 'secret_missing', 'outcome_unknown'].includes(e.code))
            throw e;
        const context = e.code === 'network' || e.code === 'timeout' ? `Checking that ${(0,targets/* describeSecret */.wr)(t, name)} can be written failed: ` : '';
        throw new errors/* ActionError */.lZ(e.code, `${context}${e.message} The refresh was not attempted, so the refresh token was not used.`, e.details);
    }
    finally {
        const [released, removed, freed, ...pruned] = await Promise.allSettled([
            keepLock ? undefined : lock?.release(lockSeen),
            removeProbe?.(),
            unspent && again ? (0,claims/* pruneClaim */.Dn)(api, t, name, id, true) : unspent?.release(),
            ...prune.map((x) => (0,claims/* pruneClaim */.Dn)(api, t, name, x.id, x.again))
        ]);
        if (released.status === 'fulfilled' && released.value)
            io.warning(released.value);
        if (freed.status === 'rejected')
            io.warning(unreleased(unspent, freed));
        else if (unspent)
            cleanup.claim = undefined;
        if (removed.status === 'rejected')
            io.warning(`The write probe could not be deleted: ${reason(removed)} The post step tries again.`);
        for (const r of pruned)
            if (r.status === 'rejected')
                io.warning(`An old claim of ${(0,targets/* describeSecret */.wr)(t, name)} could not be deleted: ${reason(r)} It blocks only a token spent long ago; delete it when convenient.`);
        if (keepLock)
            io.info(`Kept ${lock.where} for the post step, which tries once more to store the new refresh token.`);
        save({
            lock: lock?.held ? cleanup.lock : undefined,
            probe: removed.status === 'fulfilled' ? undefined : cleanup.probe,
            rotated: lock?.held ? cleanup.rotated : undefined
        });
    }
}
async function settled(calls) {
    const results = await Promise.allSettled(calls);
    for (const r of results)
        if (r.status === 'rejected')
            throw r.reason;
    return results.map((r) => r.value);
}
const reason = (r) => (r.reason instanceof Error ? r.reason.message : String(r.reason));
const rotate_capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// EXTERNAL MODULE: ./src/action/obtain.ts
var obtain = __webpack_require__(5161);
// EXTERNAL MODULE: ./src/action/runtime.ts + 1 modules
var runtime = __webpack_require__(4036);
// EXTERNAL MODULE: ./src/action/state.ts
var action_state = __webpack_require__(3175);
;// CONCATENATED MODULE: ./src/action/guarded.ts











function lockTtlMs(s) {
    const github = github_api/* API_ATTEMPTS */.cW * s.timeoutMs;
    const encodings = s.basicAuthEncoding === 'auto' ? 2 : 1;
    const refresh = encodings * (s.maxAttempts * s.timeoutMs + (s.maxAttempts - 1) * retry/* MAX_DELAY_MS */.Mg);
    return Math.min(github + refresh + github + LOCK_MARGIN_MS, rotation_lock/* MAX_TTL_MS */.xz);
}
function holderName(env = process.env) {
    const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt, GITHUB_JOB: job } = env;
    if (repo && run)
        return `${server}/${repo}/actions/runs/${run}${attempt ? `/attempts/${attempt}` : ''}${job ? ` (job ${job})` : ''}`;
    return `process ${process.pid} on ${(0,external_node_os_.hostname)()}`;
}
async function guardedRefresh(s, w, progress, deps = runtime/* deps */.Zp) {
    const api = { root: w.apiUrl, token: w.githubToken, timeoutMs: s.timeoutMs, deps };
    const io = {
        endpoints: () => (0,endpoints/* resolveEndpoints */.$)(s, deps),
        refresh: (ep, deadline) => (0,obtain/* refreshStep */.c)(s, ep, progress, deadline, deps),
        info: core/* info */.pq,
        warning: core/* warning */.$e,
        save: action_state/* saveCleanup */.Mz,
        critically: runtime/* critically */.f8,
        deps
    };
    const outcome = await rotate({
        api,
        target: w.target,
        secretName: w.name,
        refreshToken: s.refreshToken,
        clientId: s.clientId,
        holder: holderName(),
        nonce: (0,external_node_crypto_.randomBytes)(12).toString('hex'),
        ttlMs: lockTtlMs(s),
        lock: w.lock,
        lockWaitMs: w.lockWaitMs,
        guard: w.staleTokenGuard,
        share: w.shareToken,
        needs: { minValidityMs: w.minValidityMs, requiredScopes: s.requiredScopes, scope: s.scope },
        reuseWindowMs: s.reuseWindowMs,
        spendsOnError: s.spendsOnError,
        storeReserveMs: github_api/* API_ATTEMPTS */.cW * s.timeoutMs
    }, io);
    const ep = outcome.ep;
    if (outcome.kind === 'shared') {
        const { tokens, granted, expiresAt } = outcome.shared;
        return { source: 'shared', tokens, granted, expiresAt, attempts: 0, host: ep.tokenUrl.host, endpoints: ep };
    }
    if (outcome.storedIn)
        progress.storedIn = outcome.storedIn;
    if (outcome.refreshed.invalid !== undefined)
        throw outcome.refreshed.invalid;
    return outcome.refreshed.obtained;
}


/***/ })

};
