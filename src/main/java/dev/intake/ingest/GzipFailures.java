package dev.intake.ingest;

import java.util.Map;

/**
 * The failures of a gzip body, both of stage {@code receive}, with the counts a client
 * needs to see why.
 */
final class GzipFailures {

	private GzipFailures() {
	}

	/** {@code invalid-gzip}: the data is not gzip, is corrupt or is cut off. */
	static IngestFailure invalid(String problem, long compressedBytesReceived) {
		return new IngestFailure(IngestFailure.Stage.RECEIVE, GzipBody.INVALID_GZIP,
				"The body is not valid gzip: %s; compress the CSV with gzip and upload again".formatted(problem), null,
				Map.of("compressedBytesReceived", compressedBytesReceived));
	}

	/**
	 * {@code inflation-ratio-exceeded}: the data inflates to more than the allowed ratio.
	 */
	static IngestFailure ratioExceeded(int maxRatio, long compressedBytesReceived, long inflatedBytes) {
		return new IngestFailure(IngestFailure.Stage.RECEIVE, GzipBody.INFLATION_RATIO_EXCEEDED,
				("The gzip body inflates to more than %d times its compressed size "
						+ "(intake.limits.max-inflation-ratio); send it uncompressed")
					.formatted(maxRatio),
				null, Map.of("maxInflationRatio", maxRatio, "compressedBytesReceived", compressedBytesReceived,
						"inflatedBytes", inflatedBytes));
	}

}
