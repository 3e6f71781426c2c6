package dev.intake.upload.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.intake.system.ApiProblem;

/**
 * The problem of every multipart upload endpoint whose body has no {@code file} part.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiProblem(status = 400, code = FileParts.MISSING_FILE_PART, when = "there is no part named `file`")
@interface FilePartProblem {

}
