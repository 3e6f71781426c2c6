package dev.intake.customer;

import java.util.regex.Pattern;

import dk.brics.automaton.RegExp;
import dk.brics.automaton.RunAutomaton;

/**
 * Tells whether a ten-digit national number is an Indian mobile by libphonenumber's own
 * pattern, compiled once into a deterministic automaton: a table lookup per digit, with
 * no string made and no backtracking, where the regex cost more than the rest of a row's
 * phone check.
 * <p>
 * The pattern is only turned into an automaton when it uses nothing but digits, digit
 * classes, alternatives, groups and counted repeats, which mean the same in both regex
 * languages; any other pattern is matched as a Java regex, as libphonenumber would.
 */
final class IndianMobileNumbers {

	private static final int DIGITS = 10;

	private static final long LOW = 1_000_000_000L;

	private static final long HIGH = 10_000_000_000L;

	/**
	 * What the translation accepts: the subset both regex languages read the same way.
	 */
	private static final Pattern PLAIN = Pattern.compile("[0-9\\[\\]\\-(|){},]*");

	private final RunAutomaton automaton;

	private final Pattern pattern;

	private IndianMobileNumbers(RunAutomaton automaton, Pattern pattern) {
		this.automaton = automaton;
		this.pattern = pattern;
	}

	/**
	 * Compiles libphonenumber's pattern of Indian mobiles.
	 * @return the check, or {@code null} if libphonenumber holds no such pattern
	 */
	static IndianMobileNumbers load() {
		Pattern pattern = IndianMobilePattern.load();
		return (pattern != null) ? of(pattern) : null;
	}

	/** The check of national numbers against a pattern of libphonenumber's dialect. */
	static IndianMobileNumbers of(Pattern pattern) {
		return new IndianMobileNumbers(automatonOf(pattern.pattern()), pattern);
	}

	private static RunAutomaton automatonOf(String regex) {
		String plain = regex.replace("(?:", "(").replace("\\d", "[0-9]");
		if (!PLAIN.matcher(plain).matches()) {
			return null;
		}
		try {
			return new RunAutomaton(new RegExp(plain, RegExp.NONE).toAutomaton());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Whether the check runs as an automaton rather than as a Java regex. */
	boolean isCompiled() {
		return this.automaton != null;
	}

	/**
	 * Tells whether the number, ten digits written without a trunk prefix, is a mobile.
	 * @param national the national number
	 * @return whether it matches the mobile pattern
	 */
	boolean matches(long national) {
		if (national < LOW || national >= HIGH) {
			return false;
		}
		if (this.automaton == null) {
			return this.pattern.matcher(Long.toString(national)).matches();
		}
		int state = this.automaton.getInitialState();
		long divisor = LOW;
		for (int i = 0; i < DIGITS && state >= 0; i++) {
			state = this.automaton.step(state, (char) ('0' + (national / divisor) % 10));
			divisor /= 10;
		}
		return state >= 0 && this.automaton.isAccept(state);
	}

}
