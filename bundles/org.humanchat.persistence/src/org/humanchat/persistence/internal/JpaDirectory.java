package org.humanchat.persistence.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.humanchat.api.model.Agent;
import org.humanchat.api.model.Brain;
import org.humanchat.api.model.Channel;
import org.humanchat.api.model.Environment;
import org.humanchat.api.model.QuickResponse;
import org.humanchat.core.spi.DirectoryWrites;

/** The set-up in one transaction: environments, channels, Brains, agents, quick responses and known tags. */
final class JpaDirectory implements DirectoryWrites {

    private final TransactionContext context;

    /**
     * Channels and environments as this transaction read or wrote them: a batch of inbound messages reads the same
     * few again and again. Only this transaction's saves change them here.
     */
    private final Map<Long, Optional<Channel>> channels = new HashMap<>();
    private final Map<Long, Optional<Environment>> environments = new HashMap<>();

    JpaDirectory(TransactionContext context) {
        this.context = context;
    }

    @Override
    public List<Environment> environments() {
        return context.em().createQuery("SELECT e FROM EnvironmentEntity e ORDER BY e.name", EnvironmentEntity.class)
                .getResultList().stream().map(DomainValues::environment).toList();
    }

    @Override
    public Optional<Environment> environment(long environmentId) {
        // Plain JDBC: every batch of inbound messages reads its channel and environment, and through the entity
        // manager these two reads cost a tenth of the batch writer's time.
        return environments.computeIfAbsent(environmentId,
                id -> Optional.ofNullable(context.jdbcAsItIs().environment(id)).map(DomainValues::environment));
    }

    @Override
    public List<Channel> channels() {
        return context.em().createQuery("SELECT c FROM ChannelEntity c ORDER BY c.name", ChannelEntity.class)
                .getResultList().stream().map(DomainValues::channel).toList();
    }

    @Override
    public Optional<Channel> channel(long channelId) {
        return channels.computeIfAbsent(channelId,
                id -> Optional.ofNullable(context.jdbcAsItIs().channel(id)).map(DomainValues::channel));
    }

    @Override
    public List<Brain> brains() {
        return context.em().createQuery("SELECT b FROM BrainEntity b ORDER BY b.name", BrainEntity.class)
                .getResultList().stream().map(DomainValues::brain).toList();
    }

    @Override
    public Optional<Brain> brain(long brainId) {
        return Optional.ofNullable(context.em().find(BrainEntity.class, brainId)).map(DomainValues::brain);
    }

    @Override
    public List<Agent> agents() {
        return context.em().createQuery("SELECT a FROM AgentEntity a ORDER BY a.name", AgentEntity.class)
                .getResultList().stream().map(DomainValues::agent).toList();
    }

    @Override
    public Optional<Agent> agent(long agentId) {
        return Optional.ofNullable(context.em().find(AgentEntity.class, agentId)).map(DomainValues::agent);
    }

    @Override
    public Optional<Agent> agentByEmail(String email) {
        return context.em().createQuery("SELECT a FROM AgentEntity a WHERE a.email = :e", AgentEntity.class)
                .setParameter("e", email.toLowerCase(Locale.ROOT)).getResultStream().findFirst()
                .map(DomainValues::agent);
    }

    @Override
    public List<QuickResponse> quickResponses(long environmentId) {
        return context.em().createQuery("SELECT q FROM QuickResponseEntity q WHERE q.environmentId = :e"
                + " ORDER BY q.shortcut", QuickResponseEntity.class).setParameter("e", environmentId)
                .getResultList().stream().map(DomainValues::quickResponse).toList();
    }

    @Override
    public Optional<QuickResponse> quickResponse(long quickResponseId) {
        return Optional.ofNullable(context.em().find(QuickResponseEntity.class, quickResponseId))
                .map(DomainValues::quickResponse);
    }

    @Override
    public List<String> tags() {
        return context.em().createQuery("SELECT t.name FROM TagEntity t ORDER BY t.name", String.class)
                .getResultList();
    }

    @Override
    public Environment saveEnvironment(Environment environment) {
        EnvironmentEntity e = environment.id() == 0 ? new EnvironmentEntity()
                : context.em().find(EnvironmentEntity.class, environment.id(), LockModeType.PESSIMISTIC_WRITE);
        e.name = environment.name();
        e.humanChatEnabled = environment.humanChatEnabled();
        e.humanChatChangedBy = environment.humanChatChangedBy();
        e.humanChatChangedAt = DomainValues.millis(environment.humanChatChangedAt());
        e.fallbackText = environment.fallbackText();
        e.businessHours = environment.businessHours().text();
        e.timeZone = environment.businessHours().zone().getId();
        e.outOfHoursText = environment.outOfHoursText();
        if (environment.id() == 0) {
            context.em().persist(e);
        }
        Environment saved = DomainValues.environment(e);
        environments.put(saved.id(), Optional.of(saved));
        return saved;
    }

    @Override
    public Channel saveChannel(Channel channel) {
        ChannelEntity e = channel.id() == 0 ? new ChannelEntity()
                : context.em().find(ChannelEntity.class, channel.id());
        e.environmentId = channel.environmentId();
        e.type = channel.type();
        e.name = channel.name();
        e.defaultBrainId = channel.defaultBrainId();
        if (channel.id() == 0) {
            context.em().persist(e);
        }
        Channel saved = DomainValues.channel(e);
        channels.put(saved.id(), Optional.of(saved));
        return saved;
    }

    @Override
    public Brain saveBrain(Brain brain) {
        BrainEntity e = brain.id() == 0 ? new BrainEntity() : context.em().find(BrainEntity.class, brain.id());
        e.environmentId = brain.environmentId();
        e.name = brain.name();
        e.connectorType = brain.connectorType();
        if (brain.id() == 0) {
            context.em().persist(e);
        }
        return DomainValues.brain(e);
    }

    @Override
    public Agent saveAgent(Agent agent) {
        AgentEntity e = agent.id() == 0 ? new AgentEntity() : context.em().find(AgentEntity.class, agent.id());
        e.name = agent.name();
        e.email = agent.email().toLowerCase(Locale.ROOT);
        e.role = agent.role().name();
        e.presence = agent.presence().name();
        e.active = agent.active();
        if (agent.id() == 0) {
            context.em().persist(e);
        }
        return DomainValues.agent(e);
    }

    @Override
    public QuickResponse saveQuickResponse(QuickResponse quickResponse) {
        QuickResponseEntity e = quickResponse.id() == 0 ? new QuickResponseEntity()
                : context.em().find(QuickResponseEntity.class, quickResponse.id());
        e.environmentId = quickResponse.environmentId();
        e.shortcut = quickResponse.shortcut();
        e.text = quickResponse.text();
        if (quickResponse.id() == 0) {
            context.em().persist(e);
        }
        return DomainValues.quickResponse(e);
    }

    @Override
    public void deleteQuickResponse(long quickResponseId) {
        QuickResponseEntity e = context.em().find(QuickResponseEntity.class, quickResponseId);
        if (e != null) {
            context.em().remove(e);
        }
    }

    @Override
    public void rememberTag(String tag) {
        if (context.em().find(TagEntity.class, tag) == null) {
            TagEntity entity = new TagEntity();
            entity.name = tag;
            context.em().persist(entity);
        }
    }

    @Override
    public int renameTag(String from, String to) {
        String old = "%|" + InboxFilter.likeEscape(from) + "|%";
        String target = "%|" + InboxFilter.likeEscape(to) + "|%";
        // Where both are there already, the old one just goes; elsewhere it becomes the new one.
        int merged = context.em().createNativeQuery("UPDATE conversation SET tags = REPLACE(tags, ?1, '|')"
                + " WHERE tags LIKE ?2 ESCAPE '!' AND tags LIKE ?3 ESCAPE '!'")
                .setParameter(1, "|" + from + "|").setParameter(2, old).setParameter(3, target).executeUpdate();
        int renamed = context.em().createNativeQuery("UPDATE conversation SET tags = REPLACE(tags, ?1, ?2)"
                + " WHERE tags LIKE ?3 ESCAPE '!'")
                .setParameter(1, "|" + from + "|").setParameter(2, "|" + to + "|").setParameter(3, old)
                .executeUpdate();
        TagEntity entity = context.em().find(TagEntity.class, from);
        if (entity != null) {
            context.em().remove(entity);
        }
        rememberTag(to);
        return merged + renamed;
    }

    @Override
    public int deleteTag(String tag) {
        int changed = context.em().createNativeQuery("UPDATE conversation SET tags = CASE WHEN tags = ?1 THEN ''"
                + " ELSE REPLACE(tags, ?1, '|') END WHERE tags LIKE ?2 ESCAPE '!'")
                .setParameter(1, "|" + tag + "|").setParameter(2, "%|" + InboxFilter.likeEscape(tag) + "|%")
                .executeUpdate();
        TagEntity entity = context.em().find(TagEntity.class, tag);
        if (entity != null) {
            context.em().remove(entity);
        }
        return changed;
    }
}
