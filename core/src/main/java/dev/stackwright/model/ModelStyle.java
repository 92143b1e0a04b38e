package dev.stackwright.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The Immutables style of the model: plain abstract type names, generated classes package-private and never named
 * outside this package, JDK collections only, no {@code get} prefixes. Builders are reached through each type's
 * nested {@code Builder}. The generated classes carry no annotation found on the class path (Guava's error-prone,
 * Jinjava's findbugs and jsr305): the module {@code dev.stackwright.core} does not read those jars, and jsr305 and
 * findbugs split {@code javax.annotation}, so no module can.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeImmutable = "Immutable*",
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    get = {"is*", "get*"},
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = false))
@interface ModelStyle {}
