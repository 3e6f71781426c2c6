package dev.intake.idempotency;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.intake.system.ApiProblem;

/**
 * The problems of every endpoint that takes an {@link IdempotencyKey#HEADER} header.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiProblem(status = 400, code = IdempotencyKey.INVALID_CODE, when = "`Idempotency-Key` is malformed")
@ApiProblem(status = 409, code = IdempotencyKeyInUse.CODE, when = "the first request with this key still runs")
@ApiProblem(status = 422, code = IdempotencyKeyReused.CODE,
		when = "this `Idempotency-Key` came with a different request")
public @interface IdempotencyProblems {

}
