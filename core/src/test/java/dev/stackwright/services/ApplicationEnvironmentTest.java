package dev.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names the application's environment file sets itself, which no service's app setting may take. */
class ApplicationEnvironmentTest {

  @Test
  void theNamesAreThoseTheEnvFileTemplateWrites() {
    // when
    var names = BuiltInServices.applicationEnvironment();

    // then
    assertThat(names).containsExactly("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DJANGO_STATIC_ROOT",
        "CELERY_BROKER_URL", "COUCHDB_URL", "DJANGO_HTTPS", "DJANGO_CSRF_TRUSTED_ORIGINS");
  }

}
