package dev.intake.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * An integration test that injects a fault: small batches, so an upload commits some
 * before the fault, and short leases, so recovery happens within seconds. Every such test
 * ends with {@link Invariants#assertHold()}. Test classes with this annotation and no
 * other settings share one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntakeIntegrationTest
@TestPropertySource(properties = { "intake.ingest.batch-size=" + FaultTest.BATCH_SIZE,
		"intake.recovery.heartbeat=" + FaultTest.HEARTBEAT, "intake.recovery.lease-expiry=" + FaultTest.LEASE,
		"intake.recovery.sweep-interval=" + FaultTest.SWEEP_INTERVAL, "intake.recovery.fail-timeout=20s" })
public @interface FaultTest {

	/** Rows per batch. */
	int BATCH_SIZE = 500;

	String HEARTBEAT = "250ms";

	String LEASE = "3s";

	String SWEEP_INTERVAL = "300ms";

}
