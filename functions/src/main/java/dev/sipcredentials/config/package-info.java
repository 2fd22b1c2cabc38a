/** Settings read once from the environment (or, in the local stack, system properties of the same name). */
package dev.sipcredentials.config;
