export const id = 958;
export const ids = [958];
export const modules = {

/***/ 4958:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 17 modules
var core = __webpack_require__(6698);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http.ts + 1 modules
var http = __webpack_require__(7066);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
// EXTERNAL MODULE: ./src/oauth/refresh.ts + 1 modules
var refresh = __webpack_require__(992);
// EXTERNAL MODULE: ./src/oauth/token-request.ts
var token_request = __webpack_require__(8690);
;// CONCATENATED MODULE: ./src/oauth/revoke.ts





function revocationError(res, url) {
    if (res.status === 200)
        return undefined;
    const error = (0,http/* parseBody */.OG)(res)?.error;
    const said = typeof error === 'string' ? ` ${(0,errors/* foreign */.V$)(error, 80)}` : '';
    return new errors/* ActionError */.lZ('revocation', `${url.host} answered HTTP ${res.status}${said} to the revocation request: ${(0,http/* describeBody */.MP)(res)}`, {
        status: res.status,
        retryable: (0,retry/* retryWait */.y_)(res, Date.now()) !== undefined,
        retryAfter: (0,http/* header */.wx)(res, 'retry-after')
    });
}
async function revokeAccessToken(url, client, accessToken, limits, deps) {
    const req = (0,token_request/* buildRevocationRequest */.Y9)(url, client, accessToken);
    (0,refresh/* maskCredentials */.Bs)(req, deps.mask);
    await (0,retry/* exchange */.cv)({
        req,
        attempts: limits.maxAttempts,
        timeoutMs: limits.timeoutMs,
        classify: (res) => {
            const failure = revocationError(res, url);
            if (failure)
                throw failure;
        }
    }, deps);
}

// EXTERNAL MODULE: ./src/github/secrets.ts
var secrets = __webpack_require__(298);
// EXTERNAL MODULE: ./src/github/targets.ts
var targets = __webpack_require__(5617);
// EXTERNAL MODULE: ./src/github/variables.ts
var variables = __webpack_require__(4086);
// EXTERNAL MODULE: ./src/rotation/claims.ts
var claims = __webpack_require__(5133);
// EXTERNAL MODULE: ./src/rotation/fingerprint.ts
var fingerprint = __webpack_require__(9882);
// EXTERNAL MODULE: ./src/rotation/lock.ts
var lock = __webpack_require__(8819);
// EXTERNAL MODULE: ./src/rotation/state.ts
var rotation_state = __webpack_require__(7687);
// EXTERNAL MODULE: ./src/rotation/store.ts + 1 modules
var store = __webpack_require__(1705);
;// CONCATENATED MODULE: ./src/rotation/leftovers.ts








async function finishLeftovers(api, t, name, left, log) {
    const holding = left.lock !== undefined && (await (0,lock/* leftLockStillHeld */.S8)(api, t, name, left.lock));
    const parts = [];
    if (left.rotated && holding)
        parts.push(() => storeLeft(api, t, name, left.rotated, left.claim, log));
    else if (left.rotated) {
        log.warning(`The main step was stopped after the provider rotated the refresh token and before it was stored, and ${(0,targets/* describeSecret */.wr)(t, (0,lock/* lockVariable */.yF)(name), 'variable')} is no longer this job's, so the post step did not write the token (it could be older than one another run stored). ` +
            "It is in the main step's masked 'refresh-token' output; if the next run fails with invalid_grant, authorize again.");
    }
    if (left.claim)
        parts.push(() => settleLeftClaim(api, t, left.claim, log));
    if (holding) {
        parts.push(async () => {
            await (0,lock/* deleteLock */.bf)(api, t, name);
            log.info(`Released ${(0,targets/* describeSecret */.wr)(t, (0,lock/* lockVariable */.yF)(name), 'variable')}, which the main step left behind.`);
        });
    }
    if (left.probe?.startsWith(`${name}_PROBE_`) && /^[A-Za-z0-9_]+_PROBE_[0-9A-F]{8}$/.test(left.probe))
        parts.push(() => (0,secrets/* deleteSecret */.e3)(api, t, left.probe));
    for (const part of parts) {
        try {
            await part();
        }
        catch (e) {
            log.warning(`Cleaning up after the main step: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
}
async function storeLeft(api, t, name, rotated, claim, log) {
    const [key, org, state] = await Promise.all([(0,secrets/* readPublicKey */.RR)(api, t, name), t.kind === 'organization' ? (0,secrets/* orgVisibility */.po)(api, t, name) : undefined, (0,rotation_state/* readState */.un)(api, t, name)]);
    const presentedId = claim?.name.slice(`${name}_CLAIM_`.length, `${name}_CLAIM_`.length + 16) ?? (0,fingerprint/* tokenId */.j)(rotated);
    const nowS = Math.floor((state.serverNow ?? api.deps.now()) / 1000);
    const stored = await (0,store/* storeRotation */.s)(api, t, name, key, org, state, { rotated, presentedId, currentId: (0,fingerprint/* tokenId */.j)(rotated), claimedAtS: nowS, nowS, shared: [], claimName: (0,targets/* describeSecret */.wr)(t, (0,claims/* claimVariable */.r0)(name, presentedId), 'variable') });
    if (stored.stateError)
        log.warning(stored.stateError.message);
    log.info(`Stored in ${(0,targets/* describeSecret */.wr)(t, name)} the refresh token the provider rotated before the main step stopped.`);
}
async function settleLeftClaim(api, t, claim, log) {
    const current = await (0,claims/* readClaimVariable */.tX)(api, t, claim.name);
    if (!current || current.nonce === undefined || current.nonce !== (0,claims/* nonceOf */.Tf)(claim.value))
        return;
    const where = (0,targets/* describeSecret */.wr)(t, claim.name, 'variable');
    if (!claim.presented || claim.outcome === 'unspent') {
        await (0,variables/* deleteVariable */.S1)(api, t, claim.name);
        log.info(`Deleted ${where}: the main step stopped ${claim.presented ? 'after the provider answered without spending' : 'before it presented'} the refresh token, so the next run may present it.`);
    }
    else if (claim.outcome === 'spent' && current.status === 'presenting') {
        await (0,variables/* updateVariable */.I7)(api, t, claim.name, (0,claims/* withStatus */.zC)(claim.value, 'spent'));
    }
    else if (claim.outcome === undefined && current.status === 'presenting') {
        await (0,variables/* updateVariable */.I7)(api, t, claim.name, (0,claims/* withStatus */.zC)(claim.value, 'uncertain'));
        log.warning(`The main step was stopped while its refresh request was in flight: the provider may have rotated the refresh token, and this job never saw the answer. ${capitalize(where)} now records that; no run will present this token again (RFC 9700 §4.14.2: a spent token presented again can revoke the whole grant), except once within a reuse window the provider documents. ` +
            'If the provider shows no refresh at this time, delete that variable and run again; otherwise authorize again.');
    }
}
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// EXTERNAL MODULE: ./src/action/read-input.ts
var read_input = __webpack_require__(2037);
// EXTERNAL MODULE: ./src/action/runtime.ts + 1 modules
var runtime = __webpack_require__(4036);
// EXTERNAL MODULE: ./src/action/secret-inputs.ts
var secret_inputs = __webpack_require__(4688);
// EXTERNAL MODULE: ./src/action/state.ts
var action_state = __webpack_require__(3175);
;// CONCATENATED MODULE: ./src/action/post.ts








async function run() {
    await cleanUp();
    await revoke();
}
async function cleanUp() {
    const left = (0,action_state/* loadCleanup */.zg)();
    if (!left.lock && !left.probe && !left.claim)
        return;
    try {
        const token = core/* getInput */.V4('github-token');
        (0,runtime/* mask */.dK)(token);
        const api = { root: (0,secret_inputs/* githubApiUrl */.BN)(), token, timeoutMs: 30_000, deps: runtime/* deps */.Zp };
        await finishLeftovers(api, (0,secret_inputs/* secretTarget */.Gk)(), (0,read_input/* required */.mw)('secret-name'), left, { info: core/* info */.pq, warning: core/* warning */.$e });
    }
    catch (e) {
        core/* warning */.$e(`Cleaning up after the main step failed: ${e instanceof Error ? e.message : (0,errors/* foreign */.V$)(e)} A lock left behind is taken over by the next run that watches it unchanged for its lifetime.`);
    }
}
async function revoke() {
    let state;
    try {
        state = (0,action_state/* loadRevokeState */.Up)();
    }
    catch {
        core/* warning */.$e('The saved state for revocation is unreadable; the access token was not revoked and stays valid until it expires.');
        return;
    }
    if (!state)
        return;
    try {
        const clientSecret = core/* getInput */.V4('client-secret');
        (0,runtime/* mask */.dK)(clientSecret);
        const client = { clientId: (0,read_input/* required */.mw)('client-id'), clientSecret, authMethod: state.authMethod, basicAuthEncoding: state.basicAuthEncoding };
        const limits = { timeoutMs: (0,read_input/* number */.ai)('timeout-seconds', 30, 1, 600) * 1000, maxAttempts: (0,read_input/* number */.ai)('max-attempts', 3, 1, 10, true) };
        await revokeAccessToken(state.url, client, state.accessToken, limits, runtime/* deps */.Zp);
        core/* info */.pq(`Revoked the access token at ${state.url.host} (RFC 7009). The refresh token was not sent, but RFC 7009 §2.1 lets a server revoke it with the access token: see 'revoke' in the README.`);
    }
    catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        core/* warning */.$e(`The access token was not revoked: ${message} It stays valid until it expires; the job's result is unchanged.`);
    }
}


/***/ })

};
