package dev.sipcredentials.store;

import dev.sipcredentials.provisioning.StoredOrganizationCredential;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

import java.util.UUID;

/**
 * A deepslate credential record as the {@value KeyScheme#LISTING_INDEX} index projects it: what a response shows
 * and the keys. The sealed password is not projected, so a listing cannot read it. Mapped by {@link #SCHEMA}.
 */
final class OrganizationListingItem {
    static final StaticImmutableTableSchema<OrganizationListingItem, Builder> SCHEMA =
            StaticImmutableTableSchema.builder(OrganizationListingItem.class, Builder.class)
                    .newItemBuilder(Builder::new, Builder::build)
                    .attributeConverterProviders(ItemConverters.PROVIDER)
                    .addAttribute(String.class, a -> a.name(KeyScheme.PK).getter(i -> i.pk).setter(Builder::pk)
                            .tags(StaticAttributeTags.primaryPartitionKey()))
                    .addAttribute(String.class, a -> a.name(KeyScheme.LIST_PK).getter(i -> i.listPk)
                            .setter(Builder::listPk)
                            .tags(StaticAttributeTags.secondaryPartitionKey(KeyScheme.LISTING_INDEX)))
                    .addAttribute(String.class, a -> a.name(KeyScheme.LIST_SK).getter(i -> i.listSk)
                            .setter(Builder::listSk)
                            .tags(StaticAttributeTags.secondarySortKey(KeyScheme.LISTING_INDEX)))
                    .addAttribute(String.class, a -> a.name("id").getter(i -> i.id).setter(Builder::id))
                    .addAttribute(String.class, a -> a.name("hostname").getter(i -> i.hostname)
                            .setter(Builder::hostname))
                    .addAttribute(Integer.class, a -> a.name("port").getter(i -> i.port).setter(Builder::port))
                    .addAttribute(String.class, a -> a.name("username").getter(i -> i.username)
                            .setter(Builder::username))
                    .addAttribute(Integer.class, a -> a.name("maxAgentTasks").getter(i -> i.maxAgentTasks)
                            .setter(Builder::maxAgentTasks))
                    .build();

    private final String pk;
    private final String listPk;
    private final String listSk;
    private final String id;
    private final String hostname;
    private final Integer port;
    private final String username;
    private final Integer maxAgentTasks;

    private OrganizationListingItem(Builder b) {
        pk = b.pk;
        listPk = b.listPk;
        listSk = b.listSk;
        id = b.id;
        hostname = b.hostname;
        port = b.port;
        username = b.username;
        maxAgentTasks = b.maxAgentTasks;
    }

    String listSk() {
        return listSk;
    }

    StoredOrganizationCredential credential() {
        return new StoredOrganizationCredential(UUID.fromString(id), hostname, port, username, maxAgentTasks);
    }

    @Override
    public String toString() {
        return "OrganizationListingItem[" + listPk + ", " + listSk + "]";
    }

    static final class Builder {
        private String pk;
        private String listPk;
        private String listSk;
        private String id;
        private String hostname;
        private Integer port;
        private String username;
        private Integer maxAgentTasks;

        Builder pk(String v) { pk = v; return this; }
        Builder listPk(String v) { listPk = v; return this; }
        Builder listSk(String v) { listSk = v; return this; }
        Builder id(String v) { id = v; return this; }
        Builder hostname(String v) { hostname = v; return this; }
        Builder port(Integer v) { port = v; return this; }
        Builder username(String v) { username = v; return this; }
        Builder maxAgentTasks(Integer v) { maxAgentTasks = v; return this; }

        OrganizationListingItem build() {
            return new OrganizationListingItem(this);
        }
    }
}
