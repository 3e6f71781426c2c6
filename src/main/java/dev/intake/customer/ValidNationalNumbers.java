package dev.intake.customer;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadataCollection;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.RunAutomaton;

/**
 * Tells whether a national number is valid in one region, exactly as libphonenumber's
 * {@code isValidNumber} decides, from libphonenumber's own metadata compiled once into a
 * deterministic automaton: a table step per digit, with no string made and no regex run,
 * where libphonenumber's check tried one regex per number type.
 * <p>
 * libphonenumber calls a number valid when it matches the region's general pattern and
 * lengths, and the pattern and lengths of at least one number type (fixed line, mobile,
 * toll free, …); the automaton accepts that same language. It is only built when every
 * pattern uses nothing but digits, digit classes, alternatives, groups and counted
 * repeats, which mean the same in both regex languages; otherwise there is none and
 * numbers take libphonenumber's own check.
 */
final class ValidNationalNumbers {

	private static final String METADATA = "/com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_";

	/** The subset of the regex language both libraries read the same way. */
	private static final Pattern PLAIN = Pattern.compile("[0-9\\[\\]\\-(|){},]*");

	private static final int MAX_DIGITS = 18;

	private final RunAutomaton automaton;

	private ValidNationalNumbers(RunAutomaton automaton) {
		this.automaton = automaton;
	}

	/**
	 * Compiles the valid national numbers of a region from the metadata this version of
	 * libphonenumber ships.
	 * @param region an ISO 3166 region code, such as {@code IN}
	 * @return the check, or {@code null} when the metadata is not where this version
	 * keeps it or holds a pattern beyond the plain subset
	 */
	static ValidNationalNumbers of(String region) {
		PhoneMetadata metadata = metadataOf(region);
		return (metadata != null) ? of(metadata) : null;
	}

	/**
	 * Compiles the valid national numbers of a region's metadata.
	 * @param metadata the region's metadata
	 * @return the check, or {@code null} if a pattern is beyond the plain subset
	 */
	static ValidNationalNumbers of(PhoneMetadata metadata) {
		try {
			Automaton general = matching(metadata.getGeneralDesc());
			Automaton anyType = Automaton.makeEmpty();
			for (PhoneNumberDesc type : typesOf(metadata)) {
				anyType = anyType.union(matching(type));
			}
			Automaton valid = general.intersection(anyType);
			valid.minimize();
			return new ValidNationalNumbers(new RunAutomaton(valid));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Tells whether the national number is valid in the region.
	 * @param national the national significant number, without trunk prefix
	 * @return whether libphonenumber would call it valid
	 */
	boolean isValid(long national) {
		if (national <= 0) {
			return false;
		}
		long divisor = 1;
		int digits = 1;
		while (digits < MAX_DIGITS && divisor * 10 <= national) {
			divisor *= 10;
			digits++;
		}
		int state = this.automaton.getInitialState();
		for (; divisor > 0 && state >= 0; divisor /= 10) {
			state = this.automaton.step(state, (char) ('0' + (national / divisor) % 10));
		}
		return state >= 0 && this.automaton.isAccept(state);
	}

	/**
	 * The numbers a description matches: its pattern, within its lengths if it has any.
	 */
	private static Automaton matching(PhoneNumberDesc desc) {
		if (desc == null || !desc.hasNationalNumberPattern() || desc.getNationalNumberPattern().isEmpty()) {
			return Automaton.makeEmpty();
		}
		Automaton pattern = translated(desc.getNationalNumberPattern());
		List<Integer> lengths = desc.getPossibleLengthList();
		if (lengths.isEmpty()) {
			return pattern;
		}
		Automaton ofLength = Automaton.makeEmpty();
		for (int length : lengths) {
			if (length > 0) {
				ofLength = ofLength.union(Automaton.makeCharRange('0', '9').repeat(length, length));
			}
		}
		return pattern.intersection(ofLength);
	}

	private static Automaton translated(String regex) {
		String plain = regex.replace("(?:", "(").replace("\\d", "[0-9]");
		if (!PLAIN.matcher(plain).matches()) {
			throw new IllegalArgumentException("Not a plain pattern: " + regex);
		}
		return new RegExp(plain, RegExp.NONE).toAutomaton();
	}

	/** Every number type libphonenumber's {@code getNumberType} tries. */
	private static List<PhoneNumberDesc> typesOf(PhoneMetadata metadata) {
		List<PhoneNumberDesc> types = new ArrayList<>();
		types.add(metadata.getPremiumRate());
		types.add(metadata.getTollFree());
		types.add(metadata.getSharedCost());
		types.add(metadata.getVoip());
		types.add(metadata.getPersonalNumber());
		types.add(metadata.getPager());
		types.add(metadata.getUan());
		types.add(metadata.getVoicemail());
		types.add(metadata.getFixedLine());
		if (!metadata.getSameMobileAndFixedLinePattern()) {
			types.add(metadata.getMobile());
		}
		return types;
	}

	private static PhoneMetadata metadataOf(String region) {
		try (InputStream stream = PhoneMetadata.class.getResourceAsStream(METADATA + region)) {
			if (stream == null) {
				return null;
			}
			PhoneMetadataCollection collection = new PhoneMetadataCollection();
			collection.readExternal(new ObjectInputStream(stream));
			for (PhoneMetadata metadata : collection.getMetadataList()) {
				if (region.equals(metadata.getId())) {
					return metadata;
				}
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
