package dev.intake.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a problem an endpoint answers with, for its OpenAPI description: the status,
 * the {@link Problem#code() code} and when it happens. Errors every endpoint can give
 * (400 malformed request, 401, 404 on paths with an id, 500) need not be listed.
 * <p>
 * Problems that several endpoints share are grouped in a composed annotation
 * meta-annotated with them (such as {@link PagedProblems}); the documentation reads both
 * through Spring's merged annotations. Codes come from the constants of the types that
 * raise them.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(ApiProblem.List.class)
public @interface ApiProblem {

	/** The HTTP status. */
	int status();

	/** The problem's stable code. */
	String code();

	/** When it happens. */
	String when();

	/** Holds the problems of one endpoint. */
	@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		ApiProblem[] value();

	}

}
