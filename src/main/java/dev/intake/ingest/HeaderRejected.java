package dev.intake.ingest;

/**
 * A header row Intake cannot work with; the whole upload stops before any row is read.
 */
abstract class HeaderRejected extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected HeaderRejected(String message) {
		super(message);
	}

	/**
	 * Returns a stable machine-readable reason, like {@code missing-columns}.
	 * @return the code
	 */
	abstract String code();

}
