package dev.intake.customer;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadataCollection;

/**
 * Reads the pattern of Indian mobile numbers from libphonenumber's own metadata file, so
 * the common case can be checked with one regex instead of every number type's.
 * <p>
 * If the file is not where this version of libphonenumber keeps it, there is no shortcut
 * and every number takes libphonenumber's full check.
 */
final class IndianMobilePattern {

	private static final String METADATA = "/com/google/i18n/phonenumbers/data/PhoneNumberMetadataProto_IN";

	private IndianMobilePattern() {
	}

	/** The pattern of the national numbers of Indian mobiles, or {@code null}. */
	static Pattern load() {
		try (InputStream stream = PhoneMetadata.class.getResourceAsStream(METADATA)) {
			if (stream == null) {
				return null;
			}
			PhoneMetadataCollection collection = new PhoneMetadataCollection();
			collection.readExternal(new ObjectInputStream(stream));
			for (PhoneMetadata metadata : collection.getMetadataList()) {
				if ("IN".equals(metadata.getId()) && metadata.hasMobile()) {
					return Pattern.compile(metadata.getMobile().getNationalNumberPattern());
				}
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

}
