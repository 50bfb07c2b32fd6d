package org.skyhold.domain.model;

/** The clouds a zone can create agents in; {@code SIMULATED} keeps its VMs in memory. */
public enum VmProviderKind implements WireEnum {
    AWS, DIGITALOCEAN, OCI, GCP, AZURE, SIMULATED;
}
