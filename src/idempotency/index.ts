// -- idempotency: side effects once, whatever Cognito retries (issue 18) ----------------------
//
// Design note; the router follows it through ./run.ts (one run), ./store.ts (the utility, loaded
// on first use) and ./seal.ts (what a record holds). Facts about the utility are pinned by
// test/unit/idempotency/powertools-dynalite.test.ts; the router's behaviour on dynalite by
// test/unit/idempotency/router-*.test.ts.
//
// Cold start. The router keeps only the option's check (./options.ts, ./paths.ts, ./errors.ts) in
// its core; ./run.ts with ./key.ts, ./seal.ts and ./store.ts is imported by ./lazy.ts only when the
// `idempotency` option is given (started at createRouter, awaited by the first protected run). ./key.ts hashes with
// Web Crypto (`globalThis.crypto`, loaded by Node on first access). `@aws-lambda-powertools/idempotency`
// (which imports node:crypto and its JMESPath engine at its top) and `@aws-sdk/client-dynamodb` are
// loaded with `import()` on the first run of a side-effecting plugin, as the plugins load their
// SDK clients; the persistence layers are then kept for the life of the container.
//
// Where. In the router's per-plugin step, for a plugin that declares side effects, when
// `resolveIdempotencyOptions(...)?.forPlugin(name).enabled`:
//   1. key = await idempotencyKey(event, plugin.name, settings.key), on the event as Cognito sent
//      it (before any plugin's patch). An IdempotencyKeyError is the plugin's failure.
//   2. run = makeIdempotent(runPlugin, { persistenceStore, keyPrefix: 'cognito-trigger-router',
//      dataIndexArgument: 0, config: new IdempotencyConfig({ expiresAfterSeconds: settings.windowSeconds,
//      hashFunction: 'sha256', lambdaContext: budget }) }), called as run(key, ...). `budget` is a
//      context whose getRemainingTimeInMillis() is the router's remaining deadline, so the
//      in-progress lock lasts exactly as long as this attempt may still run (at the deadline the
//      router aborts the plugin's `signal`; a send the provider had already accepted cannot be
//      undone, which is the one double send left: an attempt that outlives its own deadline). One
//      DynamoDBPersistenceLayer per plugin (sharing one DynamoDBClient): the layer keeps the first
//      IdempotencyConfig it sees and ignores later ones, so plugins with different windows must not
//      share one. The fixed keyPrefix is safe to share because the plugin name is in the key.
//   3. What the plugin returns (its response patch) is what is stored and replayed; it must be JSON.
//      It is stored sealed (AES-GCM under a key derived from the request's idempotency key, which
//      the table does not hold; ./seal.ts): email-otp's patch holds the expected answer in
//      privateChallengeParameters, which a replay must return as it was (the user has that code),
//      so a hash would not do. The plugin's run is raced against the deadline from outside the
//      wrapper: at the deadline this attempt fails closed, and the wrapper still settles the
//      record when the plugin does (completed with its result, or deleted if it failed), so a
//      retry that comes after that replays a send that got through instead of sending again.
//   POWERTOOLS_IDEMPOTENCY_DISABLED would make the utility run every call unprotected, silently:
//   with the option given it is refused at cold start (ConfigurationError), and at run time.
//
// Outcomes, one `idempotency` field on the plugin's log line (with `idempotencyKey`: the first 12
// hex digits, which say nothing about the user):
//   - 'first-run': the wrapped function ran (a flag set inside runPlugin tells it apart from a replay).
//   - 'replayed': a COMPLETED record was found; the plugin did not run; its stored result is merged.
//   - 'waited': the utility threw IdempotencyAlreadyInProgressError (it never waits itself). The
//     router polls persistenceStore.getRecord(key) within its own deadline: COMPLETED -> replay
//     that result; IdempotencyItemNotFoundError (the first attempt failed, its record was deleted)
//     -> call run() again, which runs the plugin; still INPROGRESS when the budget runs out ->
//     DeadlineExceededError, fail closed. A lock whose attempt can no longer be running
//     (in_progress_expiration passed) is taken over by the utility's conditional put.
//   - 'store-failure': IdempotencyPersistenceLayerError before the run (unreachable, throttled,
//     denied): the plugin does not run; storeFailureOutcome(plugin) decides (./options.ts).
//   - 'not-recorded': the plugin ran but saving its result failed (the same error class, raised
//     after the run): the result is still used for this request and the line is a warning, since a
//     retry after the lock expires would run the side effect again.
//   A plugin that throws leaves no record (the utility deletes it), so a retry runs it again.
//
// Deployment: the table has partition key `id` (string), TTL on `expiration`, on-demand billing;
// the function needs dynamodb:PutItem, GetItem, UpdateItem and DeleteItem on it, nothing else
// (the calls in node_modules/@aws-lambda-powertools/idempotency/lib/esm/persistence/DynamoDBPersistenceLayer.js).

export {
  DEFAULT_KEY_PATHS,
  IdempotencyKeyError,
  KEY_EXCLUDED_PATHS,
  KEY_PATH_PATTERN,
  idempotencyKey,
  isExcludedKeyPath,
  keyMaterial,
  type IdempotencyKeySource,
} from './key.js'
export {
  DEFAULT_WINDOW_SECONDS,
  MAX_WINDOW_SECONDS,
  checkIdempotencyOption,
  idempotencyDisabledByEnvironment,
  resolveIdempotencyOptions,
  storeFailureOutcome,
  type IdempotencyOptions,
  type IdempotencyPluginOptions,
  type ResolvedIdempotency,
  type ResolvedPluginIdempotency,
} from './options.js'
