/**
 * Envelope sealing of secrets at rest: passwords ({@link dev.sipcredentials.sealing.EnvelopePasswordSealer}) and
 * Hash1/Hash1b ({@link dev.sipcredentials.sealing.HashSealer}) under data keys from KMS or a local master key.
 */
package dev.sipcredentials.sealing;
