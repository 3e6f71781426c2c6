package dev.intake.upload.internal;

import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

import dev.intake.system.Limits;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;

/**
 * The one owner of {@code intake.limits.max-body-size}, the most bytes an upload's file
 * may have: content announced to end past it is refused before a byte is read, and
 * content that goes past it while it arrives is stopped at the buffer that crossed it.
 */
@Component
public class BodyLimit {

	private final Limits limits;

	BodyLimit(Limits limits) {
		this.limits = limits;
	}

	/** The most bytes an upload's file may have. */
	public long maxBytes() {
		return this.limits.maxBodySize().toBytes();
	}

	/**
	 * Refuses content announced to end past the limit, before a byte of it is read, with
	 * a {@link BodyTooLarge} 413 that closes the connection.
	 * @param end where the announced content ends in the file, in bytes (a body's
	 * {@code Content-Length}, or a piece's offset plus its length); negative when unknown
	 */
	public void checkAnnounced(long end) {
		long max = maxBytes();
		if (end > max) {
			throw BodyTooLarge.announced(end, max).closingConnection();
		}
	}

	/**
	 * The content as it arrives, up to the limit: the buffer that takes {@code received}
	 * past it is released, and the content errors with {@code tooLarge} of the limit
	 * instead. Cancelling passes on upstream.
	 * @param received counts a buffer's bytes and returns the file's bytes so far
	 */
	Flux<DataBuffer> limited(Flux<DataBuffer> content, LongUnaryOperator received,
			LongFunction<? extends Throwable> tooLarge) {
		long max = maxBytes();
		return content.handle((buffer, sink) -> {
			if (received.applyAsLong(buffer.readableByteCount()) > max) {
				DataBufferUtils.release(buffer);
				sink.error(tooLarge.apply(max));
			}
			else {
				sink.next(buffer);
			}
		});
	}

}
