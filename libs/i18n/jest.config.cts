module.exports = {
  displayName: 'i18n',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/i18n',
};
