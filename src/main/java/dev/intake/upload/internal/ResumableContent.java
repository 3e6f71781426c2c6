package dev.intake.upload.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.intake.system.UploadNotFound;
import dev.intake.tenant.TenantId;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;

/**
 * An upload's content sent in pieces, as the IETF resumable-upload draft has it: where
 * the upload stands ({@link #offset}), and the next piece ({@link #append}). Offsets
 * count bytes of the file as sent; an upload's offset is the end of the last record whose
 * batch was committed, so a resumed upload stores every row of its file exactly once.
 */
@Service
public class ResumableContent {

	private final UploadStateReads stateReads;

	private final UploadProcessing processing;

	private final ResumableSettings settings;

	ResumableContent(UploadStateReads stateReads, UploadProcessing processing, ResumableSettings settings) {
		this.stateReads = stateReads;
		this.processing = processing;
		this.settings = settings;
	}

	/**
	 * Emits where a tenant's upload stands in its file; errors with
	 * {@link UploadNotFound} (also for another tenant's upload) and, for a failed upload,
	 * with {@link UploadNotResumable}.
	 */
	public Mono<ContentOffset> offset(TenantId tenant, UUID id) {
		return this.stateReads.contentState(tenant, id)
			.switchIfEmpty(Mono.error(() -> new UploadNotFound(id)))
			.flatMap((state) -> (state.upload().status() == UploadStatus.FAILED)
					? Mono.error(new UploadNotResumable(state.upload())) : Mono.just(new ContentOffset(state.offset(),
							state.upload().status().isFinal(), expiresIn(state.interruptedAt()))));
	}

	private Duration expiresIn(Instant interruptedAt) {
		if (interruptedAt == null) {
			return null;
		}
		Duration left = Duration.between(Instant.now(), interruptedAt.plus(this.settings.interruptedRetention()));
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * Processes the next piece of a tenant's upload, which starts at byte {@code offset}
	 * of the file; see {@link UploadProcessing#processPiece} for what it emits and errors
	 * with.
	 * @param last whether the piece ends the file
	 * @param bytesExpected the whole file's length, if known, or {@code null}
	 */
	public Mono<Upload> append(TenantId tenant, UUID id, long offset, boolean last, Flux<DataBuffer> content,
			Long bytesExpected) {
		return this.processing.processPiece(tenant, id, offset, last, content, bytesExpected);
	}

	/**
	 * Where an upload stands in its file.
	 *
	 * @param offset the byte offset the next piece starts at; the file's length once the
	 * upload is complete
	 * @param complete whether the upload took its last piece
	 * @param expiresIn for an interrupted upload, how long it may still be resumed;
	 * otherwise {@code null}
	 */
	public record ContentOffset(long offset, boolean complete, Duration expiresIn) {

	}

}
