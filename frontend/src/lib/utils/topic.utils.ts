/**
 * SNS proposal topics as voters read them: SNS governance names a function's topic by its Candid variant
 * (payload_text_rendering's "topic: CriticalDappOperations"); a dashboard shows a name and what the topic
 * covers, as the NNS dapp does for SNS topics. Critical topics take the higher thresholds the tally bar marks.
 */
import { enumWords } from './format.utils.ts';

export interface TopicText {
  name: string;
  about: string;
  critical: boolean;
}

const TOPICS: Record<string, TopicText> = {
  DaoCommunitySettings: {
    name: 'DAO community settings',
    about: 'How the DAO presents itself: its name, logo, token metadata and similar settings.',
    critical: false,
  },
  SnsFrameworkManagement: {
    name: 'SNS framework management',
    about: 'Upgrades and settings of the SNS canisters that run this DAO.',
    critical: false,
  },
  DappCanisterManagement: {
    name: 'Dapp canister management',
    about: 'Installing, upgrading and configuring the canisters the DAO controls.',
    critical: false,
  },
  ApplicationBusinessLogic: {
    name: 'Application business logic',
    about: 'Day-to-day decisions the dapp asks the DAO for through its custom functions.',
    critical: false,
  },
  Governance: {
    name: 'Governance',
    about: 'Motions and the rules by which the DAO decides.',
    critical: false,
  },
  TreasuryAssetManagement: {
    name: 'Treasury and asset management',
    about: 'Moving or minting the DAO’s funds and tokens.',
    critical: true,
  },
  CriticalDappOperations: {
    name: 'Critical dapp operations',
    about: 'Changes with lasting effect on the dapp, such as who may serve it.',
    critical: true,
  },
};

/** A topic's variant name in words; one this table does not know yet is split into words, not shown raw. */
export const topicText = (variant: string): TopicText =>
  TOPICS[variant] ?? { name: enumWords(variant), about: '', critical: false };
