module.exports = {
  displayName: 'accounts',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/accounts',
};
