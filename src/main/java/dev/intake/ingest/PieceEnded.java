package dev.intake.ingest;

/**
 * The end of a piece of a resumable upload's file that is not the last: the parser stops
 * where it is, and the record it was reading is left for the next piece.
 */
final class PieceEnded extends RuntimeException {

	PieceEnded() {
		super("The piece ended", null, false, false);
	}

	/** Whether a throwable is, or was caused by, the end of a piece. */
	static boolean causes(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PieceEnded) {
				return true;
			}
		}
		return false;
	}

}
