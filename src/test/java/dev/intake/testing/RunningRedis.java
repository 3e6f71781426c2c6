package dev.intake.testing;

/** Where a Redis server started for tests or development can be reached. */
public record RunningRedis(String host, int port) {

}
