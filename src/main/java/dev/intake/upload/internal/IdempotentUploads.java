package dev.intake.upload.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.intake.idempotency.IdempotencyKey;
import dev.intake.idempotency.IdempotencyKeyInUse;
import dev.intake.idempotency.IdempotencyKeyReused;
import dev.intake.idempotency.IdempotencyKeys;
import dev.intake.idempotency.KeyedRequest;
import dev.intake.idempotency.RequestDigest;
import dev.intake.idempotency.RequestKind;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import dev.intake.upload.Uploads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Upload requests made with an {@code Idempotency-Key}. The first request with a key
 * claims it and creates its upload in one transaction, admitted by
 * {@link UploadAdmission} as every upload is, then runs as usual; while its body streams
 * in, the body is digested, and the digest is stored before the upload can complete. A
 * later request with the key, in the same tenant:
 * <ul>
 * <li>while the first one still processes its content, errors with
 * {@link IdempotencyKeyInUse} without reading its body;</li>
 * <li>after that upload failed, or once the lease of the instance that processed it ran
 * out (it died: the upload is failed now, as the recovery sweeper would), claims the key
 * again and runs as a new upload;</li>
 * <li>otherwise reads its body through the digest to its end (releasing every buffer) and
 * emits the first upload, as it is now, as replayed if the digests match; if not it
 * errors with {@link IdempotencyKeyReused}.</li>
 * </ul>
 * Errors of a run are those of {@link UploadProcessing}; a cancelled replay only stops
 * reading the body.
 */
@Service
public class IdempotentUploads {

	/** Claims tried before a key that keeps changing hands is answered as in use. */
	private static final int CLAIM_ATTEMPTS = 3;

	private final IdempotencyKeys keys;

	private final Uploads uploads;

	private final UploadAdmission admission;

	private final UploadProcessing processing;

	private final TransactionalOperator transactions;

	private final BodyLimit bodyLimit;

	private final ExpiredLeases expiredLeases;

	IdempotentUploads(IdempotencyKeys keys, Uploads uploads, UploadAdmission admission, UploadProcessing processing,
			TransactionalOperator transactions, BodyLimit bodyLimit, ExpiredLeases expiredLeases) {
		this.expiredLeases = expiredLeases;
		this.keys = keys;
		this.uploads = uploads;
		this.admission = admission;
		this.processing = processing;
		this.transactions = transactions;
		this.bodyLimit = bodyLimit;
	}

	/**
	 * Creates an upload and processes its content now, or replays the upload the key
	 * already started with the same file name and content.
	 * @param bytesExpected the body's announced length, or {@code null}
	 */
	public Mono<UploadOutcome> createAndProcess(TenantId tenant, IdempotencyKey key, String filename,
			Flux<DataBuffer> content, Long bytesExpected) {
		RequestDigest digest = RequestDigest.ofContent(filename);
		KeyedCall call = new KeyedCall(tenant, key, RequestKind.CONTENT, null,
				(id) -> this.admission.createProcessing(tenant, id, filename));
		return claim(call, CLAIM_ATTEMPTS)
			.flatMap((claim) -> claim.won() ? run(call, claim.upload(), digest, content, bytesExpected)
					: replayIfSame(claim, drained(digest, content)));
	}

	/**
	 * Creates an upload that waits for its content, or replays the upload the key already
	 * created with the same file name.
	 */
	public Mono<UploadOutcome> create(TenantId tenant, IdempotencyKey key, String filename) {
		byte[] digest = RequestDigest.ofCreate(filename);
		KeyedCall call = new KeyedCall(tenant, key, RequestKind.CREATE, digest,
				(id) -> this.admission.createAwaitingContent(tenant, id, filename));
		return claim(call, CLAIM_ATTEMPTS).flatMap((claim) -> claim.won() ? Mono.just(UploadOutcome.ran(claim.upload()))
				: replayIfSame(claim, Mono.just(digest)));
	}

	private Mono<Claim> claim(KeyedCall call, int attemptsLeft) {
		UUID id = UUID.randomUUID();
		return this.keys.claim(call.tenantId(), call.key(), call.kind(), id, call.digest())
			.filter(Boolean::booleanValue)
			.flatMap((won) -> call.create().apply(id))
			.as(this.transactions::transactional)
			.map(Claim::won)
			.switchIfEmpty(Mono.defer(() -> existing(call, attemptsLeft)));
	}

	private Mono<Claim> existing(KeyedCall call, int attemptsLeft) {
		return this.keys.find(call.tenantId(), call.key())
			.flatMap((request) -> this.uploads.findById(request.uploadId())
				.flatMap((upload) -> failedIfLeaseExpired(call.tenant(), upload))
				.filter((upload) -> upload.status() != UploadStatus.FAILED)
				.map((upload) -> Claim.taken(request, upload))
				.switchIfEmpty(Mono.defer(() -> reclaim(call, request.uploadId(), attemptsLeft))))
			.switchIfEmpty(Mono.defer(() -> again(call, attemptsLeft)));
	}

	/**
	 * The upload a key points to, as it is after failing it if the instance processing it
	 * died (its lease ran out), without waiting for the recovery sweeper.
	 */
	private Mono<Upload> failedIfLeaseExpired(TenantId tenant, Upload upload) {
		if (upload.status() != UploadStatus.PROCESSING) {
			return Mono.just(upload);
		}
		return this.expiredLeases.failIfExpired(tenant, upload.id())
			.then(Mono.defer(() -> this.uploads.findById(upload.id())));
	}

	private Mono<Claim> reclaim(KeyedCall call, UUID failedUploadId, int attemptsLeft) {
		UUID id = UUID.randomUUID();
		return this.keys.reclaim(call.tenantId(), call.key(), failedUploadId, call.kind(), id, call.digest())
			.filter(Boolean::booleanValue)
			.flatMap((won) -> call.create().apply(id))
			.as(this.transactions::transactional)
			.map(Claim::won)
			.switchIfEmpty(Mono.defer(() -> again(call, attemptsLeft)));
	}

	private Mono<Claim> again(KeyedCall call, int attemptsLeft) {
		return (attemptsLeft > 1) ? claim(call, attemptsLeft - 1) : Mono.error(new IdempotencyKeyInUse(null));
	}

	private Mono<UploadOutcome> run(KeyedCall call, Upload upload, RequestDigest digest, Flux<DataBuffer> content,
			Long bytesExpected) {
		Mono<DataBuffer> digestRecorded = Mono
			.defer(() -> this.keys.recordDigest(call.tenantId(), call.key(), upload.id(), digest.value()))
			.then(Mono.empty());
		Flux<DataBuffer> recorded = digest.digesting(content).concatWith(digestRecorded);
		return this.processing.processAdmitted(call.tenant(), upload, recorded, bytesExpected).map(UploadOutcome::ran);
	}

	private Mono<UploadOutcome> replayIfSame(Claim claim, Mono<byte[]> digest) {
		KeyedRequest first = claim.request();
		if (first.kind() == RequestKind.CONTENT && claim.upload().status() == UploadStatus.PROCESSING) {
			return Mono.error(new IdempotencyKeyInUse(first.uploadId()));
		}
		return digest.handle((retry, sink) -> {
			if (first.isSameAs(retry)) {
				sink.next(UploadOutcome.replayed(claim.upload()));
			}
			else {
				sink.error(new IdempotencyKeyReused(first.uploadId()));
			}
		});
	}

	/** Reads a retry's body to its end through the digest, within the body size limit. */
	private Mono<byte[]> drained(RequestDigest digest, Flux<DataBuffer> content) {
		AtomicLong received = new AtomicLong();
		return digest.digesting(this.bodyLimit.limited(content, received::addAndGet, BodyTooLarge::crossed))
			.doOnNext(DataBufferUtils::release)
			.then(Mono.fromCallable(digest::value));
	}

	/** One request with a key: what it does, and how it creates its upload. */
	private record KeyedCall(TenantId tenant, IdempotencyKey key, RequestKind kind, byte[] digest,
			Function<UUID, Mono<Upload>> create) {

		/** The tenant, as the idempotency keys are scoped by it. */
		String tenantId() {
			return this.tenant.value();
		}

	}

	/**
	 * A key this request won, with its new upload, or one an earlier request holds, with
	 * that request and its upload.
	 */
	private record Claim(Upload upload, KeyedRequest request) {

		static Claim won(Upload upload) {
			return new Claim(upload, null);
		}

		static Claim taken(KeyedRequest request, Upload upload) {
			return new Claim(upload, request);
		}

		boolean won() {
			return this.request == null;
		}

	}

}
