package dev.intake.tenant.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Every request under {@code /api/**} and every actuator endpoint but health needs an API
 * key of a tenant ({@code Authorization: Bearer <key>} or {@code X-API-Key}); the event
 * streams also take an access token minted for them. The metrics endpoints need an
 * operator key instead, since they count every tenant's uploads. The documentation,
 * static files, health and CSV templates are open. Nothing is kept between requests: no
 * session, no cookie, no CSRF token (no browser credentials are used).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final String[] OPEN = { "/", "/*.html", "/*.js", "/*.css", "/favicon.ico", "/v3/api-docs", "/v3/api-docs/**",
			"/swagger-ui.html", "/swagger-ui/**", "/webjars/**", "/actuator/health", "/actuator/health/**",
			"/api/v1/templates/**" };

	/**
	 * The actuator endpoints but health (open): metrics and Prometheus count every
	 * tenant's uploads, so they are for operators only.
	 */
	static final String[] METRICS = { "/actuator", "/actuator/**" };

	@Bean
	ConfiguredApiKeys configuredApiKeys(SecuritySettings settings) {
		ConfiguredApiKeys keys = ConfiguredApiKeys.parse(settings.apiKeys());
		log.info("{} API key(s) configured; keys stored in table api_keys are accepted too", keys.size());
		return keys;
	}

	@Bean
	OperatorKeys operatorKeys(SecuritySettings settings) {
		OperatorKeys keys = OperatorKeys.parse(settings.operatorKeys());
		log.info("{} operator key(s) configured for the metrics endpoints", keys.size());
		return keys;
	}

	@Bean
	ReactiveAuthenticationManager tenantAuthenticationManager(ConfiguredApiKeys configured, StoredApiKeys stored,
			AccessTokens tokens, OperatorKeys operators) {
		return new TenantAuthenticationManager(configured, stored, tokens, operators);
	}

	// Spring Security rethrows AuthenticationServiceException by default, which would end
	// as a bare 500: the keys that could not be read are a 503 problem like the others.
	private static ServerAuthenticationEntryPointFailureHandler failures(SecurityProblems problems) {
		ServerAuthenticationEntryPointFailureHandler failures = new ServerAuthenticationEntryPointFailureHandler(
				problems);
		failures.setRethrowAuthenticationServiceException(false);
		return failures;
	}

	@Bean
	SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, ReactiveAuthenticationManager authentication,
			JsonMapper json) {
		SecurityProblems problems = new SecurityProblems(json);
		AuthenticationWebFilter credentials = new AuthenticationWebFilter(authentication);
		credentials.setServerAuthenticationConverter(new CredentialsConverter());
		credentials.setAuthenticationFailureHandler(failures(problems));
		credentials.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		// Open paths ignore credentials, so a stale key never breaks a health check.
		credentials.setRequiresAuthenticationMatcher(
				new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers(OPEN)));
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.addFilterAt(credentials, SecurityWebFiltersOrder.AUTHENTICATION)
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.authorizeExchange((exchanges) -> exchanges.pathMatchers(OPEN)
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/v1/uploads/events", "/api/v1/uploads/{id}/events")
				.access(new EventStreamAuthorization())
				.pathMatchers(METRICS)
				.hasAuthority(OperatorAuthentication.OPERATOR)
				.anyExchange()
				.hasAuthority(TenantAuthentication.API_KEY))
			.build();
	}

}
