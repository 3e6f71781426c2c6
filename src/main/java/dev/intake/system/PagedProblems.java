package dev.intake.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems of every endpoint that answers a page at a time: a {@code limit} out of
 * range and a {@code cursor} this API did not hand out.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiProblem(status = 400, code = PageLimits.INVALID_LIMIT, when = "`limit` is not from 1 to 1000")
@ApiProblem(status = 400, code = PageLimits.INVALID_CURSOR, when = "`cursor` is not one this API gave")
public @interface PagedProblems {

}
