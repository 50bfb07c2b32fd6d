package org.skyhold.domain.engine;

import java.util.List;

/**
 * Named points in provisioning, destroying and staging where a test build can stop the process dead, to prove
 * that a crash at any step leaves nothing behind that recovery does not clean up (TiKV's fail-rs, FoundationDB's
 * buggify). The engine calls {@link #hit} at each point; production runs {@link #NONE}, which does nothing and
 * which the JIT inlines away. What an armed point does (the app halts the JVM) is not the engine's business.
 */
public interface Failpoints {
    /** Nothing is armed: every {@link #hit} returns at once. */
    Failpoints NONE = name -> { };

    /** The provisioning protocol's {@code pending} rows are committed; no cloud call has been made. */
    String CREATE_AFTER_PENDING_ROW = "create.after_pending_row";
    /** The cloud answered a create with an instance; the agent's row is still {@code pending}. */
    String CREATE_AFTER_CLOUD_ACCEPTED = "create.after_cloud_accepted";
    /** The agent is {@code starting} with its instance id; its DNS name is not registered yet. */
    String CREATE_AFTER_INSTANCE_ID_RECORDED = "create.after_instance_id_recorded";
    /** The DNS provider accepted the agent's A record; the registry and the agent do not say so yet. */
    String CREATE_AFTER_DNS_WRITTEN = "create.after_dns_written";
    /** The DNS provider deleted a record of a destroyed agent; its registry row is still there. */
    String DESTROY_AFTER_DNS_DELETE = "destroy.after_dns_delete";
    /** The cloud accepted the delete of the agent's VM; it is not confirmed gone, the row is {@code destroying}. */
    String DESTROY_AFTER_VM_DELETE = "destroy.after_vm_delete";
    /** The VM is confirmed gone; the row is about to be written {@code destroyed}. */
    String DESTROY_BEFORE_ROW_FINAL = "destroy.before_row_final";
    /** A staged session's row is committed on an agent; the pass has not recorded it yet. */
    String STAGED_AFTER_ROW = "staged.after_row";
    /** A user claimed a staged session (committed); the user has not been answered. */
    String STAGED_AFTER_CLAIM = "staged.after_claim";
    /** A staged session on an agent that left {@code running} was ended; it is not staged again yet. */
    String STAGED_AFTER_END = "staged.after_end";

    /** Every point's name: the one list configuration checks names against. */
    List<String> NAMES = List.of(CREATE_AFTER_PENDING_ROW, CREATE_AFTER_CLOUD_ACCEPTED,
            CREATE_AFTER_INSTANCE_ID_RECORDED, CREATE_AFTER_DNS_WRITTEN, DESTROY_AFTER_DNS_DELETE,
            DESTROY_AFTER_VM_DELETE, DESTROY_BEFORE_ROW_FINAL, STAGED_AFTER_ROW, STAGED_AFTER_CLAIM, STAGED_AFTER_END);

    /**
     * The engine passed the named point (one of {@link #NAMES}). Returns normally unless the point is armed and
     * due, in which case it may never return (the process halts). Called from any thread; must be cheap when off.
     */
    void hit(String name);
}
