package dev.intake.ingest;

import java.nio.ByteBuffer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * Inflates a gzip body as it arrives, without a temporary file or a joined body: each
 * compressed buffer is copied and released at once, and what it inflates to is emitted in
 * chunks of at most 64 KiB, one per downstream request, so a slow consumer slows the
 * reading of the socket and the heap holds only the chunks requested.
 * <p>
 * Emits the inflated bytes of every member, in order; the body may hold several members
 * (concatenated gzip files). Errors with an {@link IngestFailure} of stage
 * {@code receive}: {@code invalid-gzip} (not gzip, corrupt, cut off, or a checksum that
 * does not match) or {@code inflation-ratio-exceeded} (see {@link GzipMembers}); an error
 * of the body is relayed. On cancel, error or completion the inflater's native memory is
 * freed; emitted buffers are the subscriber's to release.
 */
public final class GzipBody {

	/** The code of a body that is not valid gzip. */
	public static final String INVALID_GZIP = "invalid-gzip";

	/** The code of a body that inflates to more than the allowed ratio. */
	public static final String INFLATION_RATIO_EXCEEDED = "inflation-ratio-exceeded";

	private GzipBody() {
	}

	/**
	 * The body inflated.
	 * @param maxRatio the most inflated bytes per compressed byte
	 */
	public static Flux<DataBuffer> inflated(Flux<DataBuffer> body, int maxRatio) {
		return Flux.using(() -> new GzipMembers(maxRatio),
				(members) -> body.concatMap((buffer) -> inflatedFrom(members, buffer), 1)
					.concatWith(Mono.fromRunnable(members::finish))
					.doOnDiscard(DataBuffer.class, DataBufferUtils::release),
				GzipMembers::end);
	}

	private static Flux<DataBuffer> inflatedFrom(GzipMembers members, DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		DataBufferUtils.release(buffer);
		members.feed(bytes);
		return Flux.generate((sink) -> {
			ByteBuffer chunk = members.next();
			if (chunk != null) {
				sink.next(DefaultDataBufferFactory.sharedInstance.wrap(chunk));
			}
			else {
				sink.complete();
			}
		});
	}

}
