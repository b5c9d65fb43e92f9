export const id = 863;
export const ids = [863];
export const modules = {

/***/ 298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H$: () => (/* binding */ secretExists),
/* harmony export */   IW: () => (/* binding */ putSecret),
/* harmony export */   RR: () => (/* binding */ readPublicKey),
/* harmony export */   e3: () => (/* binding */ deleteSecret),
/* harmony export */   po: () => (/* binding */ orgVisibility)
/* harmony export */ });
/* unused harmony exports getPublicKey, parsePublicKey */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7066);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8943);
/* harmony import */ var _targets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5617);




function getPublicKey(api, t) {
    return (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'GET', `${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .basePath */ .Jp)(t)}/secrets/public-key`);
}
function parsePublicKey(res) {
    const body = (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBody */ .OG)(res);
    if (typeof body?.key_id !== 'string' || typeof body.key !== 'string' || Buffer.from(body.key, 'base64').length !== 32)
        return undefined;
    return { keyId: body.key_id, key: body.key };
}
function putSecret(api, t, name, encrypted, key, org) {
    const body = { encrypted_value: encrypted, key_id: key.keyId };
    if (org) {
        body.visibility = org.visibility;
        if (org.visibility === 'selected')
            body.selected_repository_ids = org.repositoryIds;
    }
    return (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'PUT', `${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .basePath */ .Jp)(t)}/secrets/${encodeURIComponent(name)}`, body);
}
async function orgVisibility(api, t, name) {
    const path = `${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .basePath */ .Jp)(t)}/secrets/${encodeURIComponent(name)}`;
    const res = await (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'GET', path);
    if (res.status === 404)
        return undefined;
    if (res.status !== 200)
        throw (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .apiError */ .pb)(res, `Reading ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name)}`, t, 'secret', api.token);
    const visibility = (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBody */ .OG)(res)?.visibility;
    if (visibility === 'all' || visibility === 'private')
        return { visibility };
    if (visibility !== 'selected')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('github_api', `Reading ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name)} gave no visibility GitHub documents (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .foreign */ .V$)(JSON.stringify(visibility) ?? 'none', 60)}); the action will not guess who may read the secret.`);
    const repositoryIds = [];
    const started = api.deps.now();
    for (let page = 1; page <= MAX_PAGES && api.deps.now() - started <= MAX_LISTING_MS; page++) {
        const list = await (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'GET', `${path}/repositories?per_page=100&page=${page}`);
        if (list.status !== 200)
            throw (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .apiError */ .pb)(list, `Listing the repositories that may read ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name)}`, t, 'secret', api.token);
        const body = (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBody */ .OG)(list);
        const repos = Array.isArray(body?.repositories) ? body.repositories : [];
        const ids = repos.map((r) => r?.id);
        if (!ids.every((id) => Number.isSafeInteger(id)))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('github_api', `Listing the repositories that may read ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name)} gave entries without a repository id; the action will not guess who may read the secret.`);
        repositoryIds.push(...ids);
        const total = typeof body?.total_count === 'number' ? body.total_count : 0;
        if (repos.length < 100 || repositoryIds.length >= total)
            return { visibility, repositoryIds };
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('github_api', `Listing the repositories that may read ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name)} did not end within ${MAX_PAGES} pages (${MAX_PAGES * 100} repositories) or ${MAX_LISTING_MS / 1000} s: GitHub's answers kept saying there is more. ` +
        'Nothing was refreshed: writing the secret with a list the action could not finish would change which repositories may read it.');
}
const MAX_PAGES = 100;
const MAX_LISTING_MS = 60_000;
async function secretExists(api, t, name) {
    const res = await (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'GET', `${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .basePath */ .Jp)(t)}/secrets/${encodeURIComponent(name)}`);
    if (res.status === 200)
        return true;
    if (res.status === 404)
        return false;
    throw (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .apiError */ .pb)(res, `Reading ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name)}`, t, 'secret', api.token);
}
async function deleteSecret(api, t, name) {
    const res = await (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'DELETE', `${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .basePath */ .Jp)(t)}/secrets/${encodeURIComponent(name)}`);
    if (res.status !== 204 && res.status !== 404)
        throw (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .apiError */ .pb)(res, `Deleting ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name)}`, t, 'secret', api.token);
}
async function readPublicKey(api, t, name) {
    const res = await getPublicKey(api, t);
    const secret = (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name);
    if (res.status !== 200)
        throw (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .apiError */ .pb)(res, `Reading the public key for ${secret}`, t, 'secret', api.token);
    const key = parsePublicKey(res);
    if (!key)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('github_api', `Reading the public key for ${secret} gave no usable key (expected key_id and a 32-byte base64 key). Check 'github-api-url' points at the GitHub REST API.`);
    return key;
}


/***/ }),

/***/ 4086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I7: () => (/* binding */ updateVariable),
/* harmony export */   S1: () => (/* binding */ deleteVariable),
/* harmony export */   nt: () => (/* binding */ readVariable),
/* harmony export */   rz: () => (/* binding */ createVariable),
/* harmony export */   vt: () => (/* binding */ create)
/* harmony export */ });
/* unused harmony export listVariableNames */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7066);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8943);
/* harmony import */ var _targets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5617);




const path = (t, name) => `${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .basePath */ .Jp)(t)}/variables/${encodeURIComponent(name)}`;
const time = (value) => {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
};
async function readVariable(api, t, name) {
    const res = await (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'GET', path(t, name));
    if (res.status === 404)
        return undefined;
    if (res.status !== 200)
        throw (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .apiError */ .pb)(res, `Reading ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name, 'variable')}`, t, 'variable', api.token);
    const body = (0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .parseBody */ .OG)(res);
    if (typeof body?.value !== 'string')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('github_api', `Reading ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name, 'variable')} gave no value (expected {name, value}). Check 'github-api-url' points at the GitHub REST API.`);
    return { value: body.value, createdAt: time(body.created_at), updatedAt: time(body.updated_at), serverNow: time((0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)(res, 'date')) };
}
async function createVariable(api, t, name, value) {
    return (await create(api, t, name, value)).created;
}
async function create(api, t, name, value) {
    const body = t.kind === 'organization' ? { name, value, visibility: 'selected', selected_repository_ids: [] } : { name, value };
    const res = await (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'POST', `${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .basePath */ .Jp)(t)}/variables`, body);
    const serverNow = time((0,_http_js__WEBPACK_IMPORTED_MODULE_1__/* .header */ .wx)(res, 'date'));
    if (res.status === 201)
        return { created: true, serverNow };
    if (res.status === 409 || (res.status === 422 && /already exists/i.test((0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .githubMessage */ .hg)(res) ?? '')))
        return { created: false, serverNow };
    throw (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .apiError */ .pb)(res, `Creating ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name, 'variable')}`, t, 'variable', api.token);
}
async function updateVariable(api, t, name, value) {
    const res = await (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'PATCH', path(t, name), { name, value });
    return expect(res, api, t, name, 'Updating');
}
async function deleteVariable(api, t, name, once = false) {
    const res = await (0,_api_js__WEBPACK_IMPORTED_MODULE_2__/* .call */ .T1)(api, 'DELETE', path(t, name), undefined, { once });
    return expect(res, api, t, name, 'Deleting');
}
function expect(res, api, t, name, doing) {
    if (res.status === 204 || res.status === 200)
        return true;
    if (res.status === 404)
        return false;
    throw (0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .apiError */ .pb)(res, `${doing} ${(0,_targets_js__WEBPACK_IMPORTED_MODULE_3__/* .describeSecret */ .wr)(t, name, 'variable')}`, t, 'variable', api.token);
}
const PAGE = 30;
const MAX_PAGES = 50;
async function listVariableNames(api, t, prefix) {
    const names = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
        const res = await call(api, 'GET', `${basePath(t)}/variables?per_page=${PAGE}&page=${page}`);
        if (res.status !== 200)
            throw apiError(res, `Listing the variables of ${describeSecret(t, prefix, 'variable').replace(/ variable \S+/, '')}`, t, 'variable', api.token);
        const list = parseBody(res)?.variables;
        const batch = Array.isArray(list) ? list.map((v) => v?.name).filter((n) => typeof n === 'string') : [];
        names.push(...batch.filter((n) => n.toUpperCase().startsWith(prefix.toUpperCase())));
        if (batch.length < PAGE)
            return names;
    }
    throw new ActionError('github_api', `Listing the variables of ${describeSecret(t, prefix, 'variable')} did not end within ${MAX_PAGES} pages; the action will not guess which exist.`);
}


/***/ }),

/***/ 5133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dn: () => (/* binding */ pruneClaim),
/* harmony export */   JF: () => (/* binding */ Claim),
/* harmony export */   Tf: () => (/* binding */ nonceOf),
/* harmony export */   r0: () => (/* binding */ claimVariable),
/* harmony export */   tX: () => (/* binding */ readClaimVariable),
/* harmony export */   zC: () => (/* binding */ withStatus)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _github_targets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5617);
/* harmony import */ var _github_variables_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4086);



const claimVariable = (secretName, id, again = false) => `${secretName}_CLAIM_${id}${again ? '_AGAIN' : ''}`;
const MARK = 'oauth-refresh-action:claim:v1 ';
class Claim {
    name;
    where;
    api;
    t;
    by;
    at;
    constructor(api, t, secretName, id, by, again = false) {
        this.api = api;
        this.t = t;
        this.by = by;
        this.name = claimVariable(secretName, id, again);
        this.where = (0,_github_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .describeSecret */ .wr)(t, this.name, 'variable');
    }
    value(status = 'presenting') {
        return MARK + JSON.stringify({ holder: this.by.holder, nonce: this.by.nonce, ttl_s: Math.ceil(this.by.ttlMs / 1000), status });
    }
    async create() {
        let answer;
        try {
            answer = await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .create */ .vt)(this.api, this.t, this.name, this.value());
        }
        catch (e) {
            const found = await this.read().catch(() => undefined);
            if (found?.nonce !== this.by.nonce)
                throw e;
            answer = { created: true, serverNow: found.createdAt };
        }
        const local = this.api.deps.now();
        if (answer.created) {
            this.at = { server: answer.serverNow ?? local, local };
            return true;
        }
        const found = await this.read();
        if (found?.nonce === this.by.nonce) {
            this.at = { server: found.createdAt ?? local, local };
            return true;
        }
        return found ?? { value: undefined, holder: undefined, nonce: undefined, status: undefined, ttlMs: undefined, createdAt: undefined, serverNow: undefined };
    }
    githubTime(local) {
        const at = this.at ?? { server: local, local };
        return at.server + (local - at.local);
    }
    get claimedAtS() {
        return Math.floor(this.githubTime(this.at?.local ?? this.api.deps.now()) / 1000);
    }
    read() {
        return readClaimVariable(this.api, this.t, this.name);
    }
    get owned() {
        return this.at !== undefined;
    }
    async mark(status) {
        if (this.owned)
            await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .updateVariable */ .I7)(this.api, this.t, this.name, this.value(status));
    }
    async release() {
        if (this.owned)
            await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteVariable */ .S1)(this.api, this.t, this.name);
    }
}
function nonceOf(value) {
    try {
        const p = JSON.parse(value.slice(MARK.length));
        return typeof p.nonce === 'string' ? p.nonce : undefined;
    }
    catch {
        return undefined;
    }
}
function withStatus(value, status) {
    const p = JSON.parse(value.slice(MARK.length));
    return MARK + JSON.stringify({ ...p, status });
}
async function readClaimVariable(api, t, name) {
    const v = await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .readVariable */ .nt)(api, t, name);
    if (!v)
        return undefined;
    if (!v.value.startsWith(MARK)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('foreign_variable', `${capitalize((0,_github_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .describeSecret */ .wr)(t, name, 'variable'))} exists but was not written by this action (it starts '${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .foreign */ .V$)(v.value, 24)}'). The action uses that name to mark a refresh token as presented and never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'. Nothing was refreshed.`);
    }
    let p = {};
    try {
        const parsed = JSON.parse(v.value.slice(MARK.length));
        if (typeof parsed === 'object' && parsed !== null)
            p = parsed;
    }
    catch {
    }
    const status = p.status === 'presenting' || p.status === 'uncertain' || p.status === 'spent' ? p.status : undefined;
    const ttlS = typeof p.ttl_s === 'number' && Number.isFinite(p.ttl_s) && p.ttl_s > 0 ? p.ttl_s : undefined;
    return {
        value: v.value,
        holder: typeof p.holder === 'string' ? p.holder : undefined,
        nonce: typeof p.nonce === 'string' ? p.nonce : undefined,
        status,
        ttlMs: ttlS === undefined ? undefined : ttlS * 1000,
        createdAt: v.createdAt,
        serverNow: v.serverNow
    };
}
async function pruneClaim(api, t, secretName, id, again = false) {
    await Promise.all([(0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteVariable */ .S1)(api, t, claimVariable(secretName, id)), again ? (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteVariable */ .S1)(api, t, claimVariable(secretName, id, true)) : undefined]);
}
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);


/***/ }),

/***/ 9882:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ idFromV1),
/* harmony export */   j: () => (/* binding */ tokenId)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

function tokenId(refreshToken) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update('oauth-refresh-action/refresh-token-fingerprint/v1\n').update(refreshToken).digest('hex').slice(0, 16).toUpperCase();
}
function idFromV1(fingerprint) {
    return /^v1:[0-9a-f]{32}$/.test(fingerprint) ? fingerprint.slice(3, 19).toUpperCase() : undefined;
}


/***/ }),

/***/ 8819:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rv: () => (/* binding */ CrossRunLock),
/* harmony export */   S8: () => (/* binding */ leftLockStillHeld),
/* harmony export */   bf: () => (/* binding */ deleteLock),
/* harmony export */   xz: () => (/* binding */ MAX_TTL_MS),
/* harmony export */   yF: () => (/* binding */ lockVariable)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _github_targets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5617);
/* harmony import */ var _github_variables_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4086);



const lockVariable = (secretName) => `${secretName}_LOCK`;
const MARK = 'oauth-refresh-action:lock:v1 ';
const MAX_TTL_MS = 4 * 3600_000;
class CrossRunLock {
    name;
    where;
    claim;
    api;
    t;
    acquiredAt;
    constructor(api, t, secretName, claim) {
        this.api = api;
        this.t = t;
        this.claim = claim;
        this.name = lockVariable(secretName);
        this.where = (0,_github_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .describeSecret */ .wr)(t, this.name, 'variable');
    }
    get held() {
        return this.acquiredAt !== undefined;
    }
    get deadline() {
        return (this.acquiredAt ?? 0) + this.claim.ttlMs;
    }
    value() {
        return MARK + JSON.stringify({ holder: this.claim.holder, nonce: this.claim.nonce, ttl_s: Math.ceil(this.claim.ttlMs / 1000) });
    }
    async tryAcquire() {
        const sentAt = this.api.deps.now();
        let created;
        try {
            created = await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .createVariable */ .rz)(this.api, this.t, this.name, this.value());
        }
        catch (e) {
            const found = await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .readVariable */ .nt)(this.api, this.t, this.name).catch(() => undefined);
            if (found?.value !== this.value())
                throw e;
            created = true;
        }
        const found = created ? undefined : await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .readVariable */ .nt)(this.api, this.t, this.name);
        if (created || found?.value === this.value()) {
            this.acquiredAt = sentAt;
            return true;
        }
        return found ? this.inspect(found) : undefined;
    }
    async takeOver() {
        await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteVariable */ .S1)(this.api, this.t, this.name, true);
        const sentAt = this.api.deps.now();
        if (!(await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .createVariable */ .rz)(this.api, this.t, this.name, this.value())))
            return false;
        this.acquiredAt = sentAt;
        return true;
    }
    readBack() {
        return (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .readVariable */ .nt)(this.api, this.t, this.name);
    }
    async release(seen) {
        if (!this.held)
            return undefined;
        try {
            const found = await (seen ?? this.readBack());
            if (found?.value === this.value())
                await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteVariable */ .S1)(this.api, this.t, this.name, true);
            this.acquiredAt = undefined;
            return undefined;
        }
        catch (e) {
            this.acquiredAt = undefined;
            return `The lock ${this.where} could not be released: ${e instanceof Error ? e.message : String(e)} Another run takes it over after watching it for ${Math.ceil(this.claim.ttlMs / 1000)} s; delete it to let other runs go on sooner.`;
        }
    }
    inspect(v) {
        if (!v.value.startsWith(MARK)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('foreign_variable', `${capitalize(this.where)} exists but was not written by this action (its value does not start with '${MARK.trim()}'; it starts '${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .foreign */ .V$)(v.value, 24)}'). The action uses that name as its lock and never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'. Nothing was refreshed.`);
        }
        return { value: v.value, ...readClaim(v.value, this.claim.ttlMs) };
    }
}
function readClaim(value, fallbackTtlMs) {
    let p = {};
    try {
        const parsed = JSON.parse(value.slice(MARK.length));
        if (typeof parsed === 'object' && parsed !== null)
            p = parsed;
    }
    catch {
    }
    const ttlS = p.ttl_s;
    return {
        holder: typeof p.holder === 'string' ? p.holder : undefined,
        nonce: typeof p.nonce === 'string' ? p.nonce : undefined,
        ttlMs: typeof ttlS === 'number' && Number.isFinite(ttlS) && ttlS > 0 ? Math.min(ttlS * 1000, MAX_TTL_MS) : fallbackTtlMs
    };
}
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const POST_MARGIN_MS = 10_000;
async function leftLockStillHeld(api, t, secretName, value) {
    const found = await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .readVariable */ .nt)(api, t, lockVariable(secretName));
    if (found?.value !== value || !value.startsWith(MARK))
        return false;
    const { ttlMs } = readClaim(value, 0);
    const now = found.serverNow ?? api.deps.now();
    return now + POST_MARGIN_MS < (found.createdAt ?? now) + ttlMs;
}
async function deleteLock(api, t, secretName) {
    await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .deleteVariable */ .S1)(api, t, lockVariable(secretName), true);
}


/***/ }),

/***/ 7687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fh: () => (/* binding */ isSpent),
/* harmony export */   Jq: () => (/* binding */ writeState),
/* harmony export */   Vl: () => (/* binding */ afterRotation),
/* harmony export */   Wk: () => (/* binding */ EMPTY_STATE),
/* harmony export */   qP: () => (/* binding */ stateVariable),
/* harmony export */   un: () => (/* binding */ readState)
/* harmony export */ });
/* unused harmony exports CLAIM_KEEP_S, SPENT_KEEP_S, MAX_SPENT, encodeState, decodeState */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _github_targets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5617);
/* harmony import */ var _github_variables_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4086);
/* harmony import */ var _fingerprint_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9882);




const stateVariable = (secretName) => `${secretName}_STATE`;
const MARK_V1 = 'oauth-refresh-action:state:v1 ';
const MARK = 'oauth-refresh-action:state:v2 ';
const MAX_VALUE_BYTES = 48 * 1024;
const CLAIM_KEEP_S = 3600;
const SPENT_KEEP_S = 30 * 86_400;
const MAX_SPENT = 1000;
const PRUNE_PER_RUN = 1;
const EMPTY_STATE = { exists: false, current: undefined, spent: [], shared: [] };
const ID = /^[0-9A-F]{16}$/;
function encodeState(s) {
    return MARK + JSON.stringify({ current: s.current, spent: s.spent.map((e) => [e.id, e.at, e.claim ? (e.again ? 2 : 1) : 0]), shared: s.shared });
}
function decodeState(value, where) {
    if (!value.startsWith(MARK) && !value.startsWith(MARK_V1)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('foreign_variable', `${capitalize(where)} exists but was not written by this action (its value does not start with '${MARK.trim()}'; it starts '${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .foreign */ .V$)(value, 24)}'). The action never overwrites a variable it did not write: rename that variable, or choose another 'secret-name'.`);
    }
    const v1 = value.startsWith(MARK_V1);
    const state = parse(value.slice((v1 ? MARK_V1 : MARK).length), v1);
    if (!state) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('state_unreadable', `${capitalize(where)} holds state this action cannot read, so this run cannot tell which refresh tokens were spent. Nothing was refreshed. ` +
            'If no other run is active and the secret holds the newest refresh token, delete the variable and run again: the claim variables of the last hour still keep those tokens from being presented, older spent tokens are no longer recognised.');
    }
    return state;
}
function parse(text, v1) {
    let p;
    try {
        p = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof p !== 'object' || p === null || Array.isArray(p))
        return undefined;
    const o = p;
    if (v1) {
        if (o.fingerprint === undefined)
            return { current: undefined, spent: [], shared: [] };
        const current = typeof o.fingerprint === 'string' ? (0,_fingerprint_js__WEBPACK_IMPORTED_MODULE_3__/* .idFromV1 */ .T)(o.fingerprint) : undefined;
        return current ? { current, spent: [], shared: [] } : undefined;
    }
    const { current, spent, shared } = o;
    if (current !== undefined && (typeof current !== 'string' || !ID.test(current)))
        return undefined;
    if (!Array.isArray(spent) || !Array.isArray(shared) || !shared.every((x) => typeof x === 'string'))
        return undefined;
    const entries = [];
    for (const e of spent) {
        if (!Array.isArray(e) || e.length !== 3)
            return undefined;
        const [id, at, claim] = e;
        if (typeof id !== 'string' || !ID.test(id) || !Number.isSafeInteger(at) || at < 0 || (claim !== 0 && claim !== 1 && claim !== 2))
            return undefined;
        entries.push(claim === 2 ? { id, at: at, claim: true, again: true } : { id, at: at, claim: claim === 1 });
    }
    return { current, spent: entries, shared };
}
async function readState(api, t, secretName) {
    const name = stateVariable(secretName);
    const variable = await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .readVariable */ .nt)(api, t, name);
    if (!variable)
        return EMPTY_STATE;
    return { exists: true, serverNow: variable.serverNow, ...decodeState(variable.value, (0,_github_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .describeSecret */ .wr)(t, name, 'variable')) };
}
const isSpent = (s, id) => s.spent.some((e) => e.id === id);
function afterRotation(prev, r) {
    const prune = [];
    let spent = prev.spent.map((e) => {
        if (!e.claim || r.nowS - e.at < CLAIM_KEEP_S || prune.length >= PRUNE_PER_RUN)
            return e;
        prune.push({ id: e.id, again: e.again === true });
        return { id: e.id, at: e.at, claim: false };
    });
    if (r.spentId !== undefined && !isSpent(prev, r.spentId))
        spent.push({ id: r.spentId, at: r.at, claim: true, ...(r.again ? { again: true } : {}) });
    const before = prev.current;
    if (before !== undefined && before !== r.currentId && before !== r.spentId && !isSpent(prev, before))
        spent.push({ id: before, at: r.nowS, claim: true });
    spent = spent.filter((e) => e.claim || r.nowS - e.at < SPENT_KEEP_S);
    while (spent.length > MAX_SPENT) {
        const oldest = spent.findIndex((e) => !e.claim);
        if (oldest === -1)
            break;
        spent.splice(oldest, 1);
    }
    return { state: { current: r.currentId, spent, shared: r.shared }, prune };
}
async function writeState(api, t, secretName, s, exists) {
    const name = stateVariable(secretName);
    const fitted = fit(s);
    const value = encodeState(fitted);
    const written = exists ? (await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .updateVariable */ .I7)(api, t, name, value)) || (await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .createVariable */ .rz)(api, t, name, value)) :
        (await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .createVariable */ .rz)(api, t, name, value)) ||
            ((await readState(api, t, secretName)) && (await (0,_github_variables_js__WEBPACK_IMPORTED_MODULE_2__/* .updateVariable */ .I7)(api, t, name, value)));
    if (!written)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('github_api', `Writing ${(0,_github_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .describeSecret */ .wr)(t, name, 'variable')} kept meeting a variable that came and went; the action will not guess which value stands.`);
    return fitted.shared.length === s.shared.length;
}
function fit(s) {
    const size = (x) => Buffer.byteLength(encodeState(x));
    if (size(s) <= MAX_VALUE_BYTES)
        return s;
    const spent = [...s.spent];
    const out = { ...s, shared: [], spent };
    while (size(out) > MAX_VALUE_BYTES) {
        const oldest = spent.findIndex((e) => !e.claim);
        if (oldest === -1)
            break;
        spent.splice(oldest, 1);
    }
    return out;
}
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);


/***/ }),

/***/ 1705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F: () => (/* binding */ proveWritable),
  s: () => (/* binding */ storeRotation)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/blakejs/blake2b.js
var blake2b = __webpack_require__(4931);
// EXTERNAL MODULE: ./node_modules/tweetnacl/nacl.js
var nacl = __webpack_require__(7325);
var nacl_default = /*#__PURE__*/__webpack_require__.n(nacl);
;// CONCATENATED MODULE: ./src/github/sealed-box.ts




const KEY_BYTES = (nacl_default()).box.publicKeyLength;
const LOW_ORDER_KEY = Buffer.from('351f86faa3b988468a850122b65b0acece9c4826806aeee63de9c0da2bd7f91e', 'hex');
function sealedBox(message, recipientPublicKeyBase64) {
    const recipient = Buffer.from(recipientPublicKeyBase64, 'base64');
    if (recipient.length !== KEY_BYTES) {
        throw new errors/* ActionError */.lZ('github_api', `GitHub's public key for secrets is ${recipient.length} bytes, not the ${KEY_BYTES} of an X25519 key: nothing was sealed. Check 'github-api-url'.`);
    }
    const ephemeral = nacl_default().box.keyPair.fromSecretKey(new Uint8Array((0,external_node_crypto_.randomBytes)(KEY_BYTES)));
    const key = nacl_default().box.before(new Uint8Array(recipient), ephemeral.secretKey);
    ephemeral.secretKey.fill(0);
    if (Buffer.from(key).equals(LOW_ORDER_KEY))
        throw new errors/* ActionError */.lZ('github_api', "GitHub's public key for secrets is a low-order point, which no real X25519 key is: nothing was sealed. Check 'github-api-url'.");
    const nonce = (0,blake2b.blake2b)(concat(ephemeral.publicKey, recipient), undefined, (nacl_default()).box.nonceLength);
    const box = nacl_default().secretbox(new TextEncoder().encode(message), nonce, key);
    key.fill(0);
    return Buffer.concat([ephemeral.publicKey, box]).toString('base64');
}
function concat(a, b) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
}

// EXTERNAL MODULE: ./src/github/secrets.ts
var secrets = __webpack_require__(298);
// EXTERNAL MODULE: ./src/github/targets.ts
var targets = __webpack_require__(5617);
// EXTERNAL MODULE: ./src/rotation/state.ts
var state = __webpack_require__(7687);
;// CONCATENATED MODULE: ./src/rotation/store.ts






async function proveWritable(api, t, name, key) {
    const probe = `${name}_PROBE_${(0,external_node_crypto_.randomBytes)(4).toString('hex').toUpperCase()}`;
    const res = await (0,secrets/* putSecret */.IW)(api, t, probe, sealedBox('write probe of oauth-refresh-action; safe to delete', key.key), key, t.kind === 'organization' ? { visibility: 'selected', repositoryIds: [] } : undefined);
    if (res.status !== 201 && res.status !== 204) {
        throw (0,targets/* apiError */.pb)(res, `Writing ${(0,targets/* describeSecret */.wr)(t, probe)} (a throw-away secret that proves 'github-token' may write ${name} before the refresh)`, t, 'secret', api.token);
    }
    return { name: probe, remove: () => (0,secrets/* deleteSecret */.e3)(api, t, probe) };
}
async function storeRotation(api, t, name, key, org, prev, r) {
    const secret = (0,targets/* describeSecret */.wr)(t, name);
    const next = (0,state/* afterRotation */.Vl)(prev, { spentId: r.rotated ? r.presentedId : undefined, at: r.claimedAtS, again: r.again, currentId: r.currentId, shared: r.shared, nowS: r.nowS });
    const [secretWrite, stateWrite] = await Promise.allSettled([
        r.rotated ? (0,secrets/* putSecret */.IW)(api, t, name, sealedBox(r.rotated, key.key), key, org) : undefined,
        (0,state/* writeState */.Jq)(api, t, name, next.state, prev.exists)
    ]);
    const secretFailure = secretWrite.status === 'rejected' ? asActionError(secretWrite.reason) :
        secretWrite.value && secretWrite.value.status !== 201 && secretWrite.value.status !== 204 ? (0,targets/* apiError */.pb)(secretWrite.value, `Writing ${secret}`, t, 'secret', api.token) :
            undefined;
    const stateFailure = stateWrite.status === 'rejected' ? asActionError(stateWrite.reason) : undefined;
    if (secretFailure) {
        throw new errors/* ActionError */.lZ('secret_not_stored', `The provider rotated the refresh token, but storing the new one failed: ${secretFailure.message} ${capitalize(secret)} still holds the old refresh token, which the provider has spent; ` +
            `${r.claimName} keeps every run from presenting it again. The new one is in this step's masked 'refresh-token' output: the post step tries once more to store it, ` +
            `or store it from a later step (if: failure()) before the job ends; a token stored by hand is presented normally by the next run. Otherwise authorize again.`, secretFailure.details);
    }
    const done = { secretUpdated: r.rotated !== undefined, secretCreated: secretWrite.status === 'fulfilled' && secretWrite.value?.status === 201 };
    if (stateFailure) {
        const stateError = new errors/* ActionError */.lZ('state_not_stored', `${r.rotated ? `The new refresh token is stored in ${secret}, but the` : 'The'} rotation state (${(0,targets/* describeSecret */.wr)(t, (0,state/* stateVariable */.qP)(name), 'variable')}) could not be updated: ${stateFailure.message} ` +
            `The spent token stays blocked by ${r.claimName}; no access token is shared until a later run updates the state.`, stateFailure.details);
        return { ...done, sharedKept: false, prune: [], stateError };
    }
    return { ...done, sharedKept: stateWrite.status === 'fulfilled' && stateWrite.value && r.shared.length > 0, prune: next.prune };
}
function asActionError(e) {
    if (e instanceof errors/* ActionError */.lZ)
        return e;
    throw e;
}
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);


/***/ })

};
