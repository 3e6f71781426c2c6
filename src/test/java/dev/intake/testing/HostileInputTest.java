package dev.intake.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * An {@link IntakeIntegrationTest} with small limits, so bodies over them are cheap to
 * send: 2 MB per body, a 1 s read timeout and 5 multipart parts. Test classes with this
 * annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntakeIntegrationTest
@TestPropertySource(properties = { "intake.limits.max-body-size=2MB", "intake.limits.read-timeout=1s",
		"spring.webflux.multipart.max-parts=5" })
public @interface HostileInputTest {

	/** The body limit of these tests, in bytes. */
	long MAX_BODY_SIZE = 2L * 1024 * 1024;

}
